// A kernel is an execution environment for one notebook behind one small interface: load cells,
// observe their reports through the runtime, dispose. kernels/node and kernels/browser implement it.
import type { Cell } from "@observablehq/notebook-kit";
import type { NotebookRuntime } from "./notebook-runtime.ts";

export interface Kernel {
  readonly runtime: NotebookRuntime;
  /** makes the kernel run exactly these cells (changed ones re-run, with everything downstream) */
  load(cells: Cell[]): void;
  /** the tfjs backend in use, once a cell has used tfjs */
  backend(): string | undefined;
  /** stops every cell (invalidation fires) and frees the runtime */
  dispose(): void;
}
