// The browser kernel: runs a notebook in the page. Cells get the shared library (tf, teach, dfd, …)
// plus the page's own builtins; files and relative imports come through the file API from the
// notebook's folder; tfjs runs on WASM (falling back to CPU), chosen before the first tensor.
import type { Cell } from "@observablehq/notebook-kit";
import type { Kernel } from "../../src/runtime/kernel.ts";
import { createLibrary, type LibraryEnvironment } from "../../src/runtime/library.ts";
import { createNotebookRuntime } from "../../src/runtime/notebook-runtime.ts";
import { createFileAttachment } from "../../src/runtime/stdlib/file-attachment.ts";
import { browserBuiltins } from "./builtins.ts";
import { createBrowserModuleLoader } from "./modules.ts";
import { resolveNotebookPath } from "./paths.ts";
import { loadTensorflow, tensorflowBackend, type BrowserBackend } from "./tensorflow.ts";
import { deferUntilTypeScriptLoads } from "./typescript-compiler.ts";
import { browserTeachEnvironment } from "./teach.ts";
import type { TrainerConnection } from "../../src/teach/worker-trainer.ts";

/** How the kernel reaches files under the notebook root (the app's file API). */
export interface NotebookFiles {
  read(path: string): Promise<Response>;
  url(path: string): string;
}

export interface BrowserKernelOptions {
  /** the notebook's path under the root, e.g. "lessons/spiral.html": its folder anchors relative names */
  notebookPath: string;
  files: NotebookFiles;
  document?: Document;
  /** the element whose width the `width` builtin follows; default the document's body */
  column?: () => Element;
  /** tfjs backends to try, in order; default WASM, then CPU */
  backends?: BrowserBackend[];
  /** the teaching kit's training cache and files (a static export reads its exported weights) */
  teach?: LibraryEnvironment["teach"];
  /** milliseconds a cell may run without yielding (the app's setting); default loop-guard.ts's */
  loopBudgetMs?: number;
  /**
   * starts the trainer's Web Worker (kernels/browser/trainer-worker.ts), for trainings too slow for
   * the page; the app passes it (a static export does not, and trains in the page)
   */
  trainerWorker?: () => TrainerConnection;
}

export function createBrowserKernel({ notebookPath, files, document = globalThis.document, column, backends, teach, loopBudgetMs, trainerWorker }: BrowserKernelOptions): Kernel {
  const resolve = (name: string) => resolveNotebookPath(notebookPath, name);
  let trainingBackend: string | undefined;
  // Made with the teaching kit (a notebook that never trains loads none of it), started on the
  // first training sent to it, ended with the kernel.
  let worker: { dispose(): void } | undefined;
  let disposed = false;
  const library = createLibrary({
    loadTensorflow: () => loadTensorflow(backends),
    FileAttachment: createFileAttachment(
      async (name) => {
        const path = resolve(name);
        const response = await files.read(path);
        if (!response.ok) throw new Error(`FileAttachment("${name}"): ${response.status === 404 ? "file not found" : `HTTP ${response.status}`} (tried ${path})`);
        return response;
      },
      (name) => files.url(resolve(name))
    ),
    // A static export brings its own (exported weights, read-only files); the app caches and saves.
    teach:
      teach ??
      browserTeachEnvironment({
        notebookPath,
        // The bar reads "tfjs · webgpu · worker" when the latest training went to the worker.
        onBackendChoice: (choice) => (trainingBackend = choice.trainer === "worker" ? `${choice.backend} · worker` : choice.backend),
        trainerWorker: trainerWorker && typeof Worker === "function" ? trainerWorker : undefined,
        onWorker: (made) => (disposed ? made.dispose() : (worker = made))
      }),
    builtins: browserBuiltins(document, column ?? (() => document.body))
  });
  const runtime = deferUntilTypeScriptLoads(createNotebookRuntime({
    builtins: library,
    importModule: createBrowserModuleLoader({ fileUrl: (specifier) => files.url(resolve(specifier)) }),
    global: (name) => {
      if (name in globalThis) return (globalThis as Record<string, unknown>)[name];
      throw new ReferenceError(`${name} is not defined`);
    },
    loopBudgetMs
  }));
  return {
    runtime,
    load: (cells: Cell[]) => runtime.setCells(cells),
    backend: () => trainingBackend ?? tensorflowBackend(),
    dispose: () => {
      disposed = true;
      runtime.dispose();
      worker?.dispose();
    }
  };
}
