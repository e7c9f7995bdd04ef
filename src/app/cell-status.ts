// What each cell's status reads as in the page, derived (purely) from the runtime's reports and the
// notebook's dependency graph. The runtime says only "pending" for a cell waiting on an upstream
// recompute and for a cell whose own code is still computing; people need to tell them apart:
// waiting on upstream with an earlier output is "stale" (keep the output, dimmed), computing is "running".
import type { CellStatus } from "../runtime/notebook-runtime.ts";
import { downstreamCells, upstreamCells, type CellShape } from "../runtime/topology.ts";

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
  const busy = (id: number) => {
    const status = reports.get(id)?.status;
    return status === "pending" || status === "running";
  };
  const statuses = new Map<number, ViewStatus>();
  for (const shape of shapes) {
    const report = reports.get(shape.id);
    if (stale.has(shape.id)) statuses.set(shape.id, "stale");
    else if (!report) statuses.set(shape.id, "pending");
    else if (report.status !== "pending") statuses.set(shape.id, report.status);
    else {
      const waiting = [...upstreamCells(shapes, shape.id)].some(busy);
      statuses.set(shape.id, !waiting ? "running" : shown.has(shape.id) ? "stale" : "pending");
    }
  }
  return statuses;
}

/** Whether a cell in this status shows its previous output dimmed rather than a fresh one. */
export function showsEarlierOutput(status: ViewStatus): boolean {
  return status === "stale" || status === "pending";
}
