// One definition of a cell: its variables' states (parts), the report derived from them, and the
// host through which define.ts tells it what the runtime does. A redefinition makes a new record;
// the old one's host goes quiet (isCurrent) so a replaced run can never touch the new report.
import type { Cell } from "@observablehq/notebook-kit";
import type { Variable } from "@observablehq/runtime";
import type { CompiledCell } from "./compile.ts";
import { definedNames } from "./compile.ts";
import type { CellHost, WorkClockReading } from "./define.ts";
import { isDuplicateDefinition, type CellError } from "./errors.ts";
import { sameValue, settleDeclaredNames, statusEvent, summarizeParts, type PartState, type Parts } from "./cell-state.ts";
import { failedInputOf } from "./input-errors.ts";
import type { CellEvent, CellReport } from "./cell-report.ts";

export interface CellRecord {
  cell: Cell;
  compiled?: CompiledCell;
  variables: Variable[];
  report: CellReport;
  parts: Parts;
  /** how to stop each part's running generator */
  stoppers: Map<string | null, () => void>;
  /** the work clocks of generators that keep one (a training's time without its pauses) */
  clocks: Map<string | null, () => WorkClockReading>;
  startedAt: number;
  /** re-reads the cell's error when an input's state changes; true if it changed (see input-errors.ts) */
  rereadInputError?: () => boolean;
}

/** What a record needs from its runtime. */
export interface RecordContext {
  /** false once the record was replaced or the runtime disposed */
  isCurrent(): boolean;
  emit(record: CellRecord, event: CellEvent): void;
  /** the cell's error for a thrown value (located, with the first failing input's message) */
  errorOf(thrown: unknown): CellError;
  /** another cell settled (cells held up by failing inputs may now show another error) */
  settled(record: CellRecord): void;
}

export function newCellRecord(cell: Cell, compiled: CompiledCell | undefined, previous: CellRecord | undefined): CellRecord {
  const runs = previous?.report.runs ?? 0;
  return {
    cell,
    compiled,
    variables: [],
    report: {
      id: cell.id,
      names: compiled ? definedNames(compiled) : [],
      status: "pending",
      displayed: [],
      // A new definition that compiles is a run starting.
      runs: compiled ? runs + 1 : runs
    },
    parts: new Map(),
    stoppers: new Map(),
    clocks: new Map(),
    startedAt: performance.now()
  };
}

export function cellHost(record: CellRecord, context: RecordContext): CellHost {
  const { isCurrent, emit, errorOf } = context;
  record.rereadInputError = () => {
    if (!isCurrent() || record.report.status !== "rejected") return false;
    const summary = summarizeParts(record.parts);
    if (summary.status !== "rejected" || failedInputOf(summary.error) === undefined) return false;
    const error = errorOf(summary.error);
    if (error.message === record.report.error?.message) return false;
    record.report = { ...record.report, error };
    emit(record, "rejected");
    return true;
  };
  // Re-derives the report from the parts and tells listeners when its status or value changed.
  const update = () => {
    const before = record.report;
    const summary = summarizeParts(record.parts);
    const started = summary.status === "pending" && before.status !== "pending";
    if (started) record.startedAt = performance.now();
    const error = summary.status === "rejected" ? errorOf(summary.error) : undefined;
    const settled = summary.status !== "pending";
    record.report = {
      ...before,
      status: summary.status,
      value: summary.value,
      error,
      runs: before.runs + (started ? 1 : 0),
      ms: settled ? (workClockOf(record)?.ms ?? performance.now() - record.startedAt) : before.ms
    };
    const changed = summary.status !== before.status || !sameValue(summary.value, before.value, record.report.names) || error?.message !== before.error?.message;
    if (changed) emit(record, statusEvent(before.status, summary.status));
    if (changed && settled) context.settled(record);
  };
  // A variable going pending makes the whole cell pending: the runtime marks every variable
  // of a cell (and of all cells downstream) in one synchronous pass, so keep this path cheap.
  const markPending = () => {
    if (record.report.status === "pending") return;
    record.startedAt = performance.now();
    record.report = { ...record.report, status: "pending", error: undefined, runs: record.report.runs + 1 };
    emit(record, "pending");
  };
  return {
    variable: (output) => {
      record.parts.set(output, { status: "pending", generating: false });
      const part = () => record.parts.get(output)!;
      const set = (patch: Partial<PartState>) => {
        if (!isCurrent()) return;
        record.parts.set(output, { ...part(), ...patch });
        if (patch.status === "pending") return markPending();
        update();
      };
      return {
        pending: () => set({ status: "pending", error: undefined, duplicate: false }),
        fulfilled: (value) => {
          if (output === null && isCurrent()) settleDeclaredNames(record.parts, value);
          set({ status: part().generating ? "running" : "fulfilled", value });
        },
        rejected: (error) =>
          output !== null && isDuplicateDefinition(error, output)
            ? set({ status: "fulfilled", error: undefined, value: undefined, generating: false, duplicate: true })
            : set({ status: "rejected", error, value: undefined, generating: false, duplicate: false }),
        generating: (active, stop, clock) => {
          if (active && stop) record.stoppers.set(output, stop);
          else record.stoppers.delete(output);
          if (active && clock) record.clocks.set(output, clock);
          const status = part().status;
          set(active ? { generating: true } : { generating: false, status: status === "running" ? "fulfilled" : status });
        }
      };
    },
    displayed: (value, clear) => {
      if (!isCurrent()) return;
      record.report = { ...record.report, displayed: clear ? [value] : [...record.report.displayed, value] };
      emit(record, "displayed");
    }
  };
}

/** The cell's work clock, when a generator of it keeps one: what its footer shows, pauses excluded. */
export function workClockOf(record: CellRecord): WorkClockReading | undefined {
  for (const clock of record.clocks.values()) return clock();
  return undefined;
}
