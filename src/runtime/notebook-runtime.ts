// A notebook's reactive runtime: a factory (no import-time singleton) over @observablehq/runtime
// that defines, redefines and deletes cells by id, reports each cell's status as it changes, and
// frees everything on dispose. The dependency graph and its scheduling are the runtime's own.
import type { Cell } from "@observablehq/notebook-kit";
import { Runtime, type Module, type Variable } from "@observablehq/runtime";
import { compileCell, definedNames, type CompiledCell } from "./compile.ts";
import { defineCell, type ModuleLoader } from "./define.ts";
import { toCellError, type CellError } from "./errors.ts";
import { summarizeParts, type Parts } from "./cell-state.ts";
import { findCycleThrough } from "./topology.ts";
import { failedInputOf, firstInputError, stateOfInput } from "./input-errors.ts";

export type CellStatus = "pending" | "running" | "fulfilled" | "rejected";

export interface CellReport {
  id: number;
  /** names the cell defines for other cells */
  names: string[];
  status: CellStatus;
  value?: unknown;
  error?: CellError;
  /** values the cell passed to display() in its latest run */
  displayed: unknown[];
  /** how many times the cell has started to run */
  runs: number;
  /** milliseconds of the latest run, from start to settled (for generators: to the latest value) */
  ms?: number;
}

export type CellEvent = "pending" | "fulfilled" | "rejected" | "running" | "done" | "displayed" | "deleted";
export type CellListener = (report: CellReport, event: CellEvent) => void;

export interface NotebookRuntimeOptions {
  /** builtins every cell can reference, each a function called once, on first use */
  builtins: Record<string, () => unknown>;
  /** loads a module for `import` in a cell (resolving npm:/bare specifiers locally) */
  importModule: ModuleLoader;
  /** resolves a name no cell or builtin defines; by default only globalThis's own names */
  global?: (name: string) => unknown;
  /** milliseconds a cell may run without yielding before it is stopped (see loop-guard.ts) */
  loopBudgetMs?: number;
}

export interface NotebookRuntime {
  /** defines a cell, or redefines the cell with the same id (an unchanged cell runs again only with `force`) */
  define(cell: Cell, force?: boolean): void;
  /** stops the cell's running generators (a training run keeps its model); true if any was running */
  stop(id: number): boolean;
  delete(id: number): void;
  /** makes the runtime hold exactly these cells (new, changed and removed ones are applied) */
  setCells(cells: Cell[]): void;
  report(id: number): CellReport | undefined;
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

interface CellRecord {
  cell: Cell;
  compiled?: CompiledCell;
  variables: Variable[];
  report: CellReport;
  parts: Parts;
  /** how to stop each part's running generator */
  stoppers: Map<string | null, () => void>;
  startedAt: number;
  /** re-reads the cell's error when an input's state changes; true if it changed (see input-errors.ts) */
  rereadInputError?: () => boolean;
}

export function createNotebookRuntime(options: NotebookRuntimeOptions): NotebookRuntime {
  const runtime = new Runtime(options.builtins, options.global);
  const main: Module = runtime.module();
  const records = new Map<number, CellRecord>();
  let order: number[] = [];
  const listeners = new Set<CellListener>();
  let disposed = false;

  const emit = (record: CellRecord, event: CellEvent) => {
    for (const listener of listeners) listener(record.report, event);
  };

  const definersOf = (name: string) => order.map((id) => records.get(id)!).filter((record) => record.report.names.includes(name));
  const inputState = (name: string) => stateOfInput(name, definersOf(name), options.builtins, options.global);

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
    for (let pass = 0, changed = true; changed && pass < records.size; pass++) {
      changed = false;
      for (const record of records.values()) if (record !== settled && record.rereadInputError?.()) changed = true;
    }
  };

  // In document order, so that the cycle named is the same whatever the order of earlier edits.
  const shapes = () =>
    order.map((id) => records.get(id)!).map((record) => ({
      id: record.cell.id,
      defines: record.compiled ? definedNames(record.compiled) : [],
      inputs: record.compiled?.inputs ?? []
    }));

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
    for (const variable of previous?.variables ?? []) variable.delete();
    const compiled = compileCell(cell, { loopBudgetMs: options.loopBudgetMs });
    const record: CellRecord = {
      cell,
      compiled: compiled.ok ? compiled.cell : undefined,
      variables: [],
      report: {
        id: cell.id,
        names: compiled.ok ? definedNames(compiled.cell) : [],
        status: "pending",
        displayed: [],
        runs: previous?.report.runs ?? 0
      },
      parts: new Map(),
      stoppers: new Map(),
      startedAt: performance.now()
    };
    records.set(cell.id, record);
    const current = () => records.get(cell.id) === record && !disposed;
    if (!compiled.ok) {
      reject(record, compiled.error);
      return;
    }
    const lineOffset = compiled.cell.lineOffset;
    const inputs = compiled.cell.inputs;
    const errorOf = (thrown: unknown) =>
      toCellError(cell.id, firstInputError(inputs, thrown, inputState), {
        lineOffset,
        cycle: /circular definition/.test(String((thrown as Error)?.message)) ? findCycleThrough(shapes(), cell.id) : undefined
      });
    record.rereadInputError = () => {
      const summary = summarizeParts(record.parts);
      if (!current() || summary.status !== "rejected" || failedInputOf(summary.error) === undefined) return false;
      const error = errorOf(summary.error);
      if (error.message === record.report.error?.message) return false;
      record.report = { ...record.report, error };
      emit(record, "rejected");
      return true;
    };
    // Re-derives the report from the parts and tells listeners when its status or value changed.
    const update = (event?: CellEvent) => {
      const before = record.report;
      const summary = summarizeParts(record.parts);
      if (summary.status === "pending" && before.status !== "pending") record.startedAt = performance.now();
      const error = summary.status === "rejected" ? errorOf(summary.error) : undefined;
      const runs = before.runs + (summary.status === "pending" && before.status !== "pending" ? 1 : 0);
      const settled = summary.status !== "pending";
      record.report = {
        ...before,
        status: summary.status,
        value: summary.value,
        error,
        runs,
        ms: settled ? performance.now() - record.startedAt : before.ms
      };
      const changed = summary.status !== before.status || !sameValue(summary.value, before.value, record.report.names) || error?.message !== before.error?.message;
      if (changed || event) emit(record, event ?? statusEvent(before.status, summary.status));
      if (changed && settled) rereadInputErrors(record);
    };
    record.variables = defineCell(
      main,
      compiled.cell,
      {
        variable: (output) => {
          record.parts.set(output, { status: "pending", generating: false });
          const set = (patch: Partial<Parts extends Map<unknown, infer P> ? P : never>) => {
            if (!current()) return;
            record.parts.set(output, { ...record.parts.get(output)!, ...patch });
            update();
          };
          return {
            pending: () => set({ status: "pending", error: undefined }),
            fulfilled: (value) => {
              if (output === null && current()) settleDeclaredNames(record.parts, value);
              set({ status: record.parts.get(output)!.generating ? "running" : "fulfilled", value });
            },
            rejected: (error) => set({ status: "rejected", error, value: undefined, generating: false }),
            generating: (active, stop) => {
              if (active && stop) record.stoppers.set(output, stop);
              else record.stoppers.delete(output);
              const status = record.parts.get(output)!.status;
              set(active ? { generating: true } : { generating: false, status: status === "running" ? "fulfilled" : status });
            }
          };
        },
        displayed: (value, clear) => {
          if (!current()) return;
          record.report = { ...record.report, displayed: clear ? [value] : [...record.report.displayed, value] };
          emit(record, "displayed");
        }
      },
      options.importModule
    );
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
      order = [];
      listeners.clear();
    },
    get disposed() {
      return disposed;
    }
  };
}

/**
 * A cell's declared names take their values from the cell's own value one step later; plain values
 * are known now, so settle them at once (cells then settle in document order). Generators and
 * promises wait for their own variables.
 */
function settleDeclaredNames(parts: Parts, exports: unknown): void {
  if (!exports || typeof exports !== "object") return;
  for (const [name, part] of parts) {
    if (name === null || part.status !== "pending") continue;
    const value = (exports as Record<string, unknown>)[name];
    if (isDeferred(value)) continue;
    parts.set(name, { ...part, status: "fulfilled", value });
  }
}

function isDeferred(value: unknown): boolean {
  if (!value || (typeof value !== "object" && typeof value !== "function")) return false;
  const candidate = value as { then?: unknown; next?: unknown; return?: unknown };
  return typeof candidate.then === "function" || (typeof candidate.next === "function" && typeof candidate.return === "function");
}

/** Values are the same thing, or objects of the same declared names' same values. */
function sameValue(a: unknown, b: unknown, names: string[]): boolean {
  if (a === b) return true;
  if (!names.length || !a || !b || typeof a !== "object" || typeof b !== "object") return false;
  return names.every((name) => (a as Record<string, unknown>)[name] === (b as Record<string, unknown>)[name]);
}

function statusEvent(before: CellStatus, after: CellStatus): CellEvent {
  if (after === "running") return "running";
  if (after === "fulfilled" && before === "running") return "done";
  return after;
}

function sameCell(a: Cell, b: Cell): boolean {
  return a.value === b.value && a.mode === b.mode && a.hidden === b.hidden && a.output === b.output;
}
