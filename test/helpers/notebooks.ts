// Helpers shared by tests: notebooks from real files or inline cells, on the real Node kernel.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { toCell, type Cell } from "@observablehq/notebook-kit";
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import type { CellReport, NotebookRuntime } from "../../src/runtime/notebook-runtime.ts";
import { afterEach } from "vitest";
import { createNodeKernel, type NodeKernel, type NodeKernelOptions } from "../../kernels/node/kernel.ts";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export function notebookFiles(folder: string): string[] {
  const path = join(projectRoot, folder);
  return readdirSync(path)
    .filter((name) => name.endsWith(".html"))
    .map((name) => join(path, name));
}

/** Cells from source strings: ids 1, 2, …; a string is a JavaScript cell. */
export function cells(...sources: (string | Partial<Cell>)[]): Cell[] {
  return sources.map((source, index) =>
    toCell(typeof source === "string" ? { id: index + 1, value: source, mode: "js" } : { id: index + 1, ...source })
  );
}

/** A kernel for inline cells; no training cache, so a test never sees another run's results. */
export function nodeKernelFor(file = join(projectRoot, "notebooks", "inline.html")) {
  return createNodeKernel({ file, cache: false });
}

/** A maker of kernels for inline cells, each disposed after the test that made it (the kernel's own defaults otherwise). */
export function kernelsDisposedAfterEach(): (options?: Partial<NodeKernelOptions>) => NodeKernel {
  const made: NodeKernel[] = [];
  afterEach(() => {
    for (const kernel of made.splice(0)) kernel.dispose();
  });
  return (options = {}) => {
    const kernel = createNodeKernel({ file: join(projectRoot, "notebooks", "inline.html"), ...options });
    made.push(kernel);
    return kernel;
  };
}

/** A notebook file on the Node kernel; no training cache, so every test trains afresh. */
/** Loads and runs a notebook file on the Node kernel; `root` is the folder its paths must stay in (default its own). */
export async function loadNotebook(file: string, root?: string) {
  const { notebook } = await readNotebookFile(file);
  const kernel = createNodeKernel({ file, root, cache: false });
  kernel.load(notebook.cells);
  return { notebook, kernel, runtime: kernel.runtime };
}

/** Resolves with the first report of `id` that satisfies `test`, waiting for new ones. */
export function reportWhere(runtime: NotebookRuntime, id: number, test: (report: CellReport) => boolean, timeoutMs = 30_000): Promise<CellReport> {
  return new Promise((resolve, reject) => {
    const current = runtime.report(id);
    if (current && test(current)) return resolve(current);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`cell ${id} never satisfied the condition; last report: ${JSON.stringify(summary(runtime.report(id)))}`));
    }, timeoutMs);
    const unsubscribe = runtime.subscribe((report) => {
      if (report.id === id && test(report)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(report);
      }
    });
  });
}

function summary(report: CellReport | undefined) {
  return report && { status: report.status, error: report.error?.message, runs: report.runs };
}

/** The value of a cell's one declared name. */
export function valueOf<T = unknown>(report: CellReport | undefined, name: string): T {
  return (report?.value as Record<string, T> | undefined)?.[name] as T;
}
