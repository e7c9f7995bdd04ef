// What a notebook runtime tells about each cell: its report (status, value, error, what it
// displayed) and the events by which listeners learn that a report changed.
import type { CellError } from "./errors.ts";

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
