// The Node kernel: runs a notebook headless. DOM-only builtins report "needs a browser" instead of
// failing; Markdown and HTML cells render through jsdom so their summaries read as text.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Cell } from "@observablehq/notebook-kit";
import { NeedsBrowserError } from "../../src/runtime/errors.ts";
import type { Kernel } from "../../src/runtime/kernel.ts";
import { createLibrary } from "../../src/runtime/library.ts";
import { createNotebookRuntime } from "../../src/runtime/notebook-runtime.ts";
import { createFileAttachment } from "../../src/runtime/stdlib/file-attachment.ts";
import { createHtml, createMarkdown } from "../../src/runtime/stdlib/markdown.ts";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { createNodeModuleLoader } from "./modules.ts";
import { loadTensorflow, tensorflowBackend, type NodeBackend } from "./tensorflow.ts";

export interface NodeKernelOptions {
  /** the notebook file: FileAttachment and relative imports resolve from its folder */
  file: string;
  /** backends to try, in order; default wasm, then cpu */
  backends?: NodeBackend[];
  /** milliseconds a cell may run without yielding before it is stopped; default 10 s */
  loopBudgetMs?: number;
}

const BROWSER_ONLY_BUILTINS = ["Inputs", "tfvis", "Plot", "htl", "svg", "DOM", "visibility"];

export function createNodeKernel({ file, backends, loopBudgetMs }: NodeKernelOptions): Kernel {
  const folder = dirname(resolve(file));
  const { document } = nodeDom();
  const needsBrowser = Object.fromEntries(
    BROWSER_ONLY_BUILTINS.map((name) => [
      name,
      () => {
        throw new NeedsBrowserError(name);
      }
    ])
  );
  const library = createLibrary({
    loadTensorflow: () => loadTensorflow(backends),
    FileAttachment: createFileAttachment(async (name) => {
      const path = resolve(folder, name);
      try {
        return new Response(await readFile(path));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(`FileAttachment("${name}"): ${code === "ENOENT" ? "file not found" : String(error)} (tried ${path})`);
      }
    }),
    builtins: {
      ...needsBrowser,
      md: () => createMarkdown(document),
      html: () => createHtml(document),
      // Observable's default page width, so layout arithmetic in cells still runs headless.
      width: () => 640
    }
  });
  const runtime = createNotebookRuntime({
    builtins: library,
    importModule: createNodeModuleLoader(resolve(file)),
    global: nodeGlobal,
    loopBudgetMs
  });
  return {
    runtime,
    load: (cells: Cell[]) => runtime.setCells(cells),
    backend: () => tensorflowBackend(),
    dispose: () => runtime.dispose()
  };
}

/** Names no cell defines resolve to Node's globals (Math, JSON, fetch, …), as in a page. */
function nodeGlobal(name: string): unknown {
  if (name in globalThis) return (globalThis as Record<string, unknown>)[name];
  throw new ReferenceError(`${name} is not defined`);
}
