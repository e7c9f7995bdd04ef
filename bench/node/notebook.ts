// A notebook held in memory on the real Node kernel, for benchmarks that edit cells and wait.
import { join } from "node:path";
import { toCell, type Cell } from "@observablehq/notebook-kit";
import { createNodeKernel, type NodeKernel } from "../../kernels/node/kernel.ts";
import type { CellReport } from "../../src/runtime/notebook-runtime.ts";

export function jsCells(sources: string[]): Cell[] {
  return sources.map((value, index) => toCell({ id: index + 1, value, mode: "js" }));
}

export function benchKernel(cells: Cell[]): NodeKernel {
  // No training cache: a benchmark times training, and a re-run edit (a label flipped back) would
  // otherwise be served from the weights cached the first time.
  const kernel = createNodeKernel({ file: join(process.cwd(), "bench", "in-memory.html"), cache: false });
  kernel.load(cells);
  return kernel;
}

/** Resolves with the first report of cell `id` that passes `test` (the current one included). */
export function reportWhere(kernel: NodeKernel, id: number, test: (report: CellReport) => boolean, timeoutMs = 120_000): Promise<CellReport> {
  return new Promise((resolve, reject) => {
    const current = kernel.runtime.report(id);
    if (current && test(current)) return resolve(current);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`cell ${id} did not reach the expected state in ${timeoutMs} ms (status ${kernel.runtime.report(id)?.status}: ${kernel.runtime.report(id)?.error?.message ?? ""})`));
    }, timeoutMs);
    const unsubscribe = kernel.runtime.subscribe((report) => {
      if (report.id !== id || !test(report)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(report);
    });
  });
}

export function valueOf<T>(report: CellReport | undefined, name: string): T | undefined {
  return (report?.value as Record<string, T> | undefined)?.[name];
}
