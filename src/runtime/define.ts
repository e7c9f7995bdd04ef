// Puts one compiled cell onto the runtime: one variable for the cell, one per extra output, and
// per-cell `display` and `view` (as Notebook Kit does, so Kit notebooks behave the same here).
// Each run of the cell is a CellRun (cell-runs.ts): run-scoped builtins such as `teach` are made
// for it, and what they make is released when the run's `invalidation` resolves.
// Nothing in here touches the DOM; what a displayed value looks like is the host's business.
import type { Module, Variable } from "@observablehq/runtime";
import { GLOBAL_READER } from "./browser-globals.ts";
import { IMPORT_LOADER, SQL_TABLE, type CompiledCell } from "./compile.ts";
import { cellSourceUrl } from "./errors.ts";
import { LOOP_GUARD, loopGuard } from "./loop-guard.ts";
import { observeInput, WAITS_FOR_CHANGES, type Inputtable } from "./stdlib/generators.ts";
import { Mutator } from "./stdlib/mutable.ts";
import { CellRun, forRunOf, type CellRuns } from "./cell-runs.ts";

/** What the runtime tells about one variable of a cell (the cell's own, or one of its outputs). */
export interface VariableHost {
  pending(): void;
  fulfilled(value: unknown): void;
  rejected(error: unknown): void;
  /**
   * The variable's value is a generator: called when it starts (with a function that stops it,
   * and the generator's own work clock if it keeps one) and when it is done or stopped.
   */
  generating(active: boolean, stop?: () => void, clock?: () => WorkClockReading): void;
}

/** A generator's own account of its work: a training counts its time without its pauses. */
export interface WorkClockReading {
  /** milliseconds of work so far, pauses excluded */
  ms: number;
  paused: boolean;
}

/** What the runtime tells about one definition of a cell; the host turns this into reports. */
export interface CellHost {
  /** the host for the cell's own variable (null) or for one of its declared outputs */
  variable(output: string | null): VariableHost;
  /** a value passed to display() (or view()) by the running cell; `clear` starts a new run's output */
  displayed(value: unknown, clear: boolean): void;
}

export type ModuleLoader = (specifier: string) => Promise<unknown>;

/** What a compiled body reaches besides its inputs: modules, and globals the kernel guards. */
export interface BodyEnvironment {
  load: ModuleLoader;
  readGlobal: (name: string) => unknown;
  /** what a SQL cell shows for its rows (Inputs.table in the page) */
  table: (rows: unknown) => unknown;
}

/** Defines the cell and returns its variables, the first being the cell's own. */
export function defineCell(main: Module, cell: CompiledCell, host: CellHost, environment: BodyEnvironment, runs: CellRuns): Variable[] {
  const { id, inputs, outputs, output, autoview, automutable } = cell;
  const own = host.variable(null);
  const definition = trackGenerators(evaluateBody(cell, environment), own);
  const variables: Variable[] = [];
  const variable = main.variable(observerOf(own), { shadow: {} });
  variables.push(variable);
  if (inputs.includes("display") || inputs.includes("view")) defineDisplay(variable, inputs, host, () => variables[0] === variable);
  const name = output ?? (outputs.length ? `cell ${id}` : null);
  const withInvalidation = inputs.includes("invalidation") ? inputs : [...inputs, "invalidation"];
  const run = asCellRun(definition, withInvalidation.indexOf("invalidation"), withInvalidation !== inputs, runs);
  variable.define(name, withInvalidation, run);
  if (output != null && autoview) {
    variables.push(main.define(output.replace(/^viewof\$/, ""), [output], (element: Inputtable) => observeInput(element)));
  } else if (output != null && automutable) {
    const plain = output.replace(/^mutable /, "");
    const holder = `cell ${id}`;
    variable.define(plain, [holder], ([mutable]: [unknown]) => mutable);
    variables.push(
      main.define(output, withInvalidation, run),
      main.define(holder, [output], Mutator),
      main.define(`mutable$${plain}`, [holder], ([, mutator]: [unknown, unknown]) => mutator)
    );
  } else if (output == null) {
    // Each declared name is its own variable; a generator assigned to one (`const x = train(…)`)
    // is iterated by the runtime, so the name takes each value it yields.
    for (const declared of outputs) {
      const part = host.variable(declared);
      const pick = trackGenerators((exports: unknown) => (exports as Record<string, unknown>)[declared], part);
      variables.push(main.variable(observerOf(part)).define(declared, [name!], pick));
    }
  }
  return variables;
}

function observerOf(host: VariableHost) {
  return {
    pending: () => host.pending(),
    fulfilled: (value: unknown) => host.fulfilled(value),
    rejected: (error: unknown) => host.rejected(error)
  };
}

/**
 * Runs each call of the definition as a new CellRun: run-scoped inputs (`teach`) are made for it,
 * and the body, and each step of a generator it returns, run as its code (see cell-runs.ts). The
 * runtime passes `invalidation` at `index`; when the cell did not ask for it, it is taken off the
 * arguments again.
 */
function asCellRun(definition: (...args: unknown[]) => unknown, index: number, added: boolean, runs: CellRuns) {
  return function (this: unknown, ...args: unknown[]) {
    const run = new CellRun(args[index] as Promise<void>);
    if (added) args.splice(index, 1);
    for (let i = 0; i < args.length; i++) {
      const forRun = forRunOf(args[i]);
      if (forRun) args[i] = forRun(runs.ownerFor(run));
    }
    const result = runs.during(run, () => definition.apply(this, args));
    if (!isGeneratorish(result) || (result as { [WAITS_FOR_CHANGES]?: true })[WAITS_FOR_CHANGES]) return result;
    return {
      next: (input?: unknown) => runs.during(run, () => result.next(input)),
      return: (value?: unknown) => result.return(value),
      throw: (error: unknown) => (result.throw ? result.throw(error) : Promise.reject(error))
    };
  };
}

/** Turns the compiled source into the definition function; the stack names it after the cell. */
function evaluateBody(cell: CompiledCell, { load, readGlobal, table }: BodyEnvironment): (...args: unknown[]) => unknown {
  const factory = new Function(IMPORT_LOADER, LOOP_GUARD, GLOBAL_READER, SQL_TABLE, `return (${cell.body})\n//# sourceURL=${cellSourceUrl(cell.id)}`);
  return factory(load, loopGuard, readGlobal, (rows: unknown) => Promise.resolve(rows).then(table));
}

/**
 * `display` depends on the same inputs as its cell, so it is re-made (capturing the cell's version)
 * whenever the cell re-runs; a call from an older run, or from a replaced definition, is refused
 * rather than mixing stale output into the new run's. Uses the runtime's private `_module`,
 * `_version` and `_shadow`, as Kit's define does (the runtime is pinned for them: see
 * src/types/observablehq-runtime.d.ts).
 */
function defineDisplay(variable: Variable, inputs: string[], host: CellHost, isCurrent: () => boolean): void {
  const Constructor = variable.constructor as new (type: number, module: Module, observer?: unknown, options?: unknown) => Variable;
  const IMPLICIT = 2;
  let shownVersion = -1;
  const display = new Constructor(IMPLICIT, variable._module);
  display.define(
    inputs.filter((input) => input !== "display" && input !== "view"),
    () => {
      const version = variable._version;
      return (value: unknown) => {
        if (version < shownVersion || !isCurrent()) throw new Error("stale display: this run of the cell was replaced");
        const clear = version > shownVersion;
        shownVersion = version;
        host.displayed(value, clear);
        return value;
      };
    }
  );
  variable._shadow!.set("display", display);
  if (inputs.includes("view")) {
    const view = new Constructor(IMPLICIT, variable._module, null, { shadow: {} });
    view._shadow!.set("display", display);
    view.define(["display"], (show: (value: unknown) => unknown) => (element: Inputtable) => observeInput(show(element) as Inputtable));
    variable._shadow!.set("view", view);
  }
}

interface Generatorish {
  next(value?: unknown): unknown;
  return(value?: unknown): unknown;
  throw?(error: unknown): unknown;
  /** a graceful stop that keeps what was made so far (TrainingRun has one); else return() */
  stop?(): unknown;
  /** its own work clock (TrainingRun keeps one): milliseconds of work, pauses excluded */
  readonly elapsedMs?: number;
  readonly paused?: boolean;
}

function isGeneratorish(value: unknown): value is Generatorish {
  return !!value && typeof (value as Generatorish).next === "function" && typeof (value as Generatorish).return === "function";
}

/** Wraps generator values so the host learns when one finishes (the runtime does not say). */
function trackGenerators(definition: (...args: any[]) => unknown, host: VariableHost): (...args: unknown[]) => unknown {
  const track = (value: unknown): unknown => {
    if (!isGeneratorish(value) || (value as { [WAITS_FOR_CHANGES]?: true })[WAITS_FOR_CHANGES]) return value;
    const clock = typeof value.elapsedMs === "number" ? () => ({ ms: value.elapsedMs!, paused: value.paused === true }) : undefined;
    host.generating(true, () => void (value.stop ? value.stop() : value.return()), clock);
    let active = true;
    const finish = () => {
      if (!active) return;
      active = false;
      host.generating(false);
    };
    return {
      next: (input?: unknown) =>
        Promise.resolve(value.next(input)).then(
          (result) => ((result as IteratorResult<unknown>).done && finish(), result),
          (error) => {
            // Failed before finished: finishing alone would show the cell fulfilled for a moment.
            if (active) host.rejected(error);
            finish();
            return Promise.reject(error);
          }
        ),
      return: (result?: unknown) => (finish(), value.return(result)),
      throw: (error: unknown) => (finish(), value.throw ? value.throw(error) : Promise.reject(error))
    };
  };
  return function (this: unknown, ...args: unknown[]) {
    const result = definition.apply(this, args);
    return result instanceof Promise ? result.then(track) : track(result);
  };
}
