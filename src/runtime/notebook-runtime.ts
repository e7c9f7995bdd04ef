// A notebook's reactive runtime: a factory (no import-time singleton) over @observablehq/runtime
// that defines, redefines and deletes cells by id, reports each cell's status as it changes, and
// frees everything on dispose. The dependency graph and its scheduling are the runtime's own.
import type { Cell } from "@observablehq/notebook-kit";
import { Runtime, RuntimeError, type Module } from "@observablehq/runtime";
import { compileCell, definedNames, type CompiledCell } from "./compile.ts";
import { defineCell, type ModuleLoader, type WorkClockReading } from "./define.ts";
import { CellRuns } from "./cell-runs.ts";
import { toCellError, type CellError, type ShapeError } from "./errors.ts";
import { cellHost, newCellRecord, workClockOf, type CellRecord, type RecordContext } from "./cell-record.ts";
import type { CellEvent, CellListener, CellReport } from "./cell-report.ts";
import { findCycleThrough, upstreamCells } from "./topology.ts";
import { failedInputOf, firstInputError, recordingFailures, stateOfInput } from "./input-errors.ts";

export type { CellEvent, CellListener, CellReport, CellStatus } from "./cell-report.ts";

export interface NotebookRuntimeOptions {
  /** builtins every cell can reference, each a function called once, on first use */
  builtins: Record<string, () => unknown>;
  /** loads a module for `import` in a cell (resolving npm:/bare specifiers locally) */
  importModule: ModuleLoader;
  /** resolves a name no cell or builtin defines; by default only globalThis's own names */
  global?: (name: string) => unknown;
  /** milliseconds a cell may run without yielding before it is stopped (see loop-guard.ts) */
  loopBudgetMs?: number;
  /** what a SQL cell shows for its rows: Inputs.table in the page; by default the rows themselves */
  sqlTable?: (rows: unknown) => unknown;
  /** globals a cell reads directly that the kernel answers instead (a page's globals, headless) */
  guardGlobals?: { names: ReadonlySet<string>; read: (name: string) => unknown };
}

export interface NotebookRuntime {
  /** defines a cell, or redefines the cell with the same id (an unchanged cell runs again only with `force`) */
  define(cell: Cell, force?: boolean): void;
  /** stops the cell's running generators (a training run keeps its model); true if any was running */
  stop(id: number): boolean;
  /** the cell's work clock when a generator of it keeps one (a training: its time without pauses) */
  workClock(id: number): WorkClockReading | undefined;
  delete(id: number): void;
  /** makes the runtime hold exactly these cells (new, changed and removed ones are applied) */
  setCells(cells: Cell[]): void;
  report(id: number): CellReport | undefined;
  /** the cell as it compiled (undefined for a cell that did not compile) */
  compiled(id: number): CompiledCell | undefined;
  /** every cell's report, in document order */
  reports(): CellReport[];
  subscribe(listener: CellListener): () => void;
  /** resolves once no cell is pending or running (generators finished) */
  settled(): Promise<void>;
  value(name: string): Promise<unknown>;
  /** how many variables the runtime holds (0 after dispose) */
  variableCount(): number;
  dispose(): void;
  readonly disposed: boolean;
}

export function createNotebookRuntime(options: NotebookRuntimeOptions): NotebookRuntime {
  const builtins = recordingFailures(options.builtins);
  const runtime = new Runtime(builtins.library, options.global);
  const main: Module = runtime.module();
  const runs = new CellRuns();
  const records = new Map<number, CellRecord>();
  let order: number[] = [];
  const listeners = new Set<CellListener>();
  let disposed = false;
  const sqlTable = options.sqlTable ?? ((rows: unknown) => rows);
  const readGlobal = options.guardGlobals?.read ?? ((name: string) => (globalThis as Record<string, unknown>)[name]);

  // The cells now failing: only they can show another input's error when some cell settles.
  const failing = new Set<CellRecord>();
  const emit = (record: CellRecord, event: CellEvent) => {
    if (record.report.status === "rejected" && event !== "deleted") failing.add(record);
    else failing.delete(record);
    for (const listener of listeners) listener(record.report, event);
  };

  const definersOf = (name: string) => order.map((id) => records.get(id)!).filter((record) => record.report.names.includes(name));
  // `viewof$x` and `mutable$x` (Observable JavaScript) come from the cell that defines x.
  const inputState = (name: string) => stateOfInput(name, definersOf(name.replace(/^(viewof|mutable)\$/, "")), builtins, options.global);

  // A name defined twice fails in both cells; when one of them stops defining it, the other runs
  // again from scratch, as on a fresh load (its name would otherwise re-read a used-up generator).
  const duplicatedAmong = (names: string[]) => names.filter((name) => definersOf(name).length > 1);
  const rerunSoleDefiners = (names: string[]) => {
    for (const name of names) {
      const definers = definersOf(name);
      if (definers.length === 1) define(definers[0].cell, true);
    }
  };

  // Another cell settled: cells held up by failing inputs may now show an earlier input's error.
  const rereadInputErrors = (settled: CellRecord) => {
    for (let pass = 0, changed = failing.size > 0; changed && pass < records.size; pass++) {
      changed = false;
      for (const record of [...failing]) if (record !== settled && record.rereadInputError?.()) changed = true;
    }
  };

  // In document order, so that the cycle named is the same whatever the order of earlier edits.
  const shapes = () =>
    order.map((id) => records.get(id)!).map((record) => ({
      id: record.cell.id,
      defines: record.compiled ? definedNames(record.compiled) : [],
      inputs: record.compiled?.inputs ?? []
    }));

  // The runtime's own errors (a name defined twice, a dependency loop), told apart by the shape of
  // the notebook rather than by their text: the cell's own, or the one an input passed on.
  const shapeErrorOf = (record: CellRecord, thrown: unknown): ShapeError | undefined => {
    if (!(thrown instanceof RuntimeError)) return undefined;
    const input = failedInputOf(thrown);
    if (input === undefined) {
      if (record.report.names.some((name) => definersOf(name).length > 1)) return { kind: "duplicate" };
      const cells = shapes();
      const cycle = findCycleThrough(cells, record.cell.id);
      if (cycle) return { kind: "circular", cycle };
      // The runtime fails what depends on a loop with the loop's error.
      return [...upstreamCells(cells, record.cell.id)].some((id) => findCycleThrough(cells, id)) ? { kind: "circular" } : undefined;
    }
    const definers = definersOf(input);
    if (definers.length > 1) return { kind: "duplicate" };
    const passedOn = definers[0]?.report.error?.kind;
    return passedOn === "duplicate" || passedOn === "circular" ? { kind: passedOn } : undefined;
  };

  function define(cell: Cell, force = false): void {
    if (disposed) throw new Error("the notebook runtime is disposed");
    const previous = records.get(cell.id);
    if (previous && !force && sameCell(previous.cell, cell)) return;
    const duplicated = duplicatedAmong(previous?.report.names ?? []);
    defineAnew(cell, previous);
    rerunSoleDefiners(duplicated);
  }

  function defineAnew(cell: Cell, previous: CellRecord | undefined): void {
    if (!previous) order.push(cell.id);
    else failing.delete(previous);
    for (const variable of previous?.variables ?? []) variable.delete();
    const compiled = compileCell(cell, { loopBudgetMs: options.loopBudgetMs, guardGlobals: options.guardGlobals?.names });
    const record = newCellRecord(cell, compiled.ok ? compiled.cell : undefined, previous);
    records.set(cell.id, record);
    if (!compiled.ok) {
      reject(record, compiled.error);
      return;
    }
    const inputs = compiled.cell.inputs;
    const context: RecordContext = {
      isCurrent: () => records.get(cell.id) === record && !disposed,
      emit,
      errorOf: (thrown) => {
        const shown = firstInputError(inputs, thrown, inputState);
        return toCellError(cell.id, shown, { lineOffset: compiled.cell.lineOffset, shape: shapeErrorOf(record, shown) });
      },
      settled: rereadInputErrors
    };
    record.variables = defineCell(main, compiled.cell, cellHost(record, context), { load: options.importModule, readGlobal, table: sqlTable }, runs);
    // A new definition is a run starting: say so now (its variables only report once they settle).
    emit(record, "pending");
  }

  function reject(record: CellRecord, error: CellError): void {
    record.report = { ...record.report, status: "rejected", value: undefined, error, ms: performance.now() - record.startedAt };
    emit(record, "rejected");
  }

  function remove(id: number): void {
    const record = records.get(id);
    if (!record) return;
    const duplicated = duplicatedAmong(record.report.names);
    records.delete(id);
    order = order.filter((other) => other !== id);
    for (const variable of record.variables) variable.delete();
    emit(record, "deleted");
    rerunSoleDefiners(duplicated);
  }

  function isBusy(): boolean {
    for (const record of records.values()) {
      if (record.report.status === "pending" || record.report.status === "running") return true;
    }
    return false;
  }

  return {
    define,
    stop(id) {
      const stoppers = [...(records.get(id)?.stoppers.values() ?? [])];
      for (const stop of stoppers) stop();
      return stoppers.length > 0;
    },
    workClock(id) {
      const record = records.get(id);
      return record && workClockOf(record);
    },
    delete: remove,
    setCells(cells) {
      const keep = new Set(cells.map((cell) => cell.id));
      for (const id of [...order]) if (!keep.has(id)) remove(id);
      // The runtime starts ready cells last-defined-first, so define in reverse document order
      // for independent cells to run (and settle) in document order.
      for (const cell of [...cells].reverse()) define(cell);
      order = cells.map((cell) => cell.id);
    },
    report: (id) => records.get(id)?.report,
    compiled: (id) => records.get(id)?.compiled,
    reports: () => order.map((id) => records.get(id)!.report),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled() {
      return new Promise<void>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        // Settled means still not busy a moment later: a generator's last value may still be
        // flowing to the cells downstream of it.
        const check = () => {
          clearTimeout(timer);
          if (isBusy() && !disposed) return;
          timer = setTimeout(() => {
            if (isBusy() && !disposed) return;
            unsubscribe();
            resolve();
          }, 10);
        };
        const unsubscribe = this.subscribe(check);
        check();
      });
    },
    value: (name) => main.value(name),
    // `_variables` and `_scope` are private (the runtime is pinned for them: src/types/observablehq-runtime.d.ts).
    variableCount: () => runtime._variables.size,
    dispose() {
      if (disposed) return;
      disposed = true;
      // Invalidate first (stopping generators and firing `invalidation`), then detach everything.
      runtime.dispose();
      // The runtime is dead now; drop its variables so nothing they captured stays reachable.
      runtime._variables.clear();
      main._scope.clear();
      records.clear();
      failing.clear();
      order = [];
      listeners.clear();
    },
    get disposed() {
      return disposed;
    }
  };
}

function sameCell(a: Cell, b: Cell): boolean {
  return a.value === b.value && a.mode === b.mode && a.hidden === b.hidden && a.output === b.output;
}
