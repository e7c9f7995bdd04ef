// The kernel contract: an execution environment for one notebook behind typed messages. Commands
// go in (load the cells, define or redefine one, delete one, stop one, dispose); messages come out
// (what the kernel provides, each cell's report as it changes, the tfjs backend). Nothing else
// crosses, so a kernel in a worker or another process can implement it unchanged.
// kernels/browser and kernels/node implement it over the runtime (runtime-kernel.ts); the page
// listens through kernel-reports.ts.
import type { Cell } from "@observablehq/notebook-kit";
import type { WorkClockReading } from "./define.ts";
import type { CellEvent, CellReport } from "./notebook-runtime.ts";

export type KernelCommand =
  /** hold exactly these cells, in document order: new and changed ones run, missing ones go */
  | { type: "load"; cells: Cell[] }
  /** define a cell, or redefine the cell with its id; `rerun` runs it even when unchanged */
  | { type: "define"; cell: Cell; rerun?: boolean }
  | { type: "delete"; id: number }
  /** stop the cell's running generators (a training keeps its model so far) */
  | { type: "stop"; id: number }
  /** stop every cell (invalidation fires) and free everything */
  | { type: "dispose" };

export type KernelMessage =
  /** the names every cell can use without defining them: the library's and each cell's own (display, …) */
  | { type: "library"; names: string[] }
  /**
   * a cell's report changed; `outline` is its code as the kernel compiled it (absent until compiled);
   * `work` is a running training's own clock as the message was sent (pauses excluded: a pause or a
   * resume is a new value, so a new message)
   */
  | { type: "cell"; event: CellEvent; report: CellReport; outline?: CellOutline; work?: WorkClockReading }
  /** the tfjs backend in use changed */
  | { type: "backend"; backend: string };

export type KernelListener = (message: KernelMessage) => void;

/** A cell's code as the kernel compiled it: what a page needs to order statuses and lay out outputs. */
export interface CellOutline {
  id: number;
  /** names it defines for other cells */
  defines: string[];
  /** names it reads */
  inputs: string[];
  /** an expression: its value is the output */
  autodisplay: boolean;
  /** a cell of declarations shows each of these names with its value */
  outputs: string[];
  /** the one named output (a Markdown cell with an output attribute) */
  output?: string;
}

export interface Kernel {
  send(command: KernelCommand): void;
  /** every message from now on; a new listener first hears the library, the backend and every cell's latest report */
  subscribe(listener: KernelListener): () => void;
  /** the current value of a name (completion lists its members); a kernel elsewhere answers with a copy */
  value(name: string): Promise<unknown>;
}
