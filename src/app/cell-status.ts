// What each cell's status reads as in the page, derived (purely) from the runtime's reports and the
// notebook's dependency graph. The runtime says only "pending" for a cell waiting on an upstream
// recompute and for a cell whose own code is still computing; people need to tell them apart:
// waiting on upstream with an earlier output is "stale" (keep the output, dimmed), computing is "running".
import type { CellStatus } from "../runtime/notebook-runtime.ts";
import { downstreamCells, type CellShape } from "../runtime/topology.ts";

export type ViewStatus = "pending" | "running" | "fulfilled" | "rejected" | "stale";

export interface ReportStatus {
  status: CellStatus;
}

export interface StatusInput {
  /** every cell of the notebook as the runtime has it */
  shapes: CellShape[];
  reports: ReadonlyMap<number, ReportStatus>;
  /** cells showing an output from an earlier run */
  shown: ReadonlySet<number>;
  /** cells edited and run while auto-run is paused: they and their dependents wait for "run stale" */
  staleRoots?: Iterable<number>;
}

export function deriveStatuses({ shapes, reports, shown, staleRoots = [] }: StatusInput): Map<number, ViewStatus> {
  const roots = new Set(staleRoots);
  const stale = new Set([...roots, ...downstreamCells(shapes, roots)]);
  const waiting = upstreamBusy(shapes, reports);
  const statuses = new Map<number, ViewStatus>();
  for (const shape of shapes) {
    const report = reports.get(shape.id);
    if (stale.has(shape.id)) statuses.set(shape.id, "stale");
    else if (!report) statuses.set(shape.id, "pending");
    else if (report.status !== "pending") statuses.set(shape.id, report.status);
    else statuses.set(shape.id, !waiting(shape) ? "running" : shown.has(shape.id) ? "stale" : "pending");
  }
  return statuses;
}

/**
 * Whether any cell upstream of a cell is pending or running. Answers are remembered for the call,
 * so a notebook whose every cell is pending (just opened) costs one pass, not one per cell.
 */
function upstreamBusy(shapes: CellShape[], reports: ReadonlyMap<number, ReportStatus>): (shape: CellShape) => boolean {
  const definer = new Map<string, CellShape>();
  for (const shape of shapes) for (const name of shape.defines) definer.set(name, shape);
  const busy = (id: number) => {
    const status = reports.get(id)?.status;
    return status === "pending" || status === "running";
  };
  const known = new Map<number, boolean>();
  const waiting = (shape: CellShape): boolean => {
    const answer = known.get(shape.id);
    if (answer !== undefined) return answer;
    known.set(shape.id, false); // a cycle adds nothing
    let found = false;
    for (const input of shape.inputs) {
      const upstream = definer.get(input);
      if (upstream && upstream.id !== shape.id && (busy(upstream.id) || waiting(upstream))) {
        found = true;
        break;
      }
    }
    known.set(shape.id, found);
    return found;
  };
  return waiting;
}

/** Whether a cell in this status shows its previous output dimmed rather than a fresh one. */
export function showsEarlierOutput(status: ViewStatus): boolean {
  return status === "stale" || status === "pending";
}
