// The browser kernel: runs a notebook in the page. Cells get the shared library (tf, teach, dfd, …)
// plus the page's own builtins; files, relative imports and model folders come from the notebook's
// folder through the files it is given (the file API, or an export's copies), inside the root;
// tfjs runs on WASM (falling back to CPU), chosen before the first tensor.
import type { Kernel } from "../../src/runtime/kernel.ts";
import { createLibrary } from "../../src/runtime/library.ts";
import { createNotebookRuntime } from "../../src/runtime/notebook-runtime.ts";
import { runtimeKernel } from "../../src/runtime/runtime-kernel.ts";
import { createFileAttachment } from "../../src/runtime/stdlib/file-attachment.ts";
import { browserBuiltins } from "./builtins.ts";
import { createBrowserModuleLoader } from "./modules.ts";
import { besideNotebook, FileNotFoundError, type ServedFiles } from "../../src/notebook/notebook-files.ts";
import type { TeachEnvironment } from "../../src/teach/kit.ts";
import { loadTensorflow, tensorflowBackend, type BrowserBackend } from "./tensorflow.ts";
import { deferUntilTypeScriptLoads } from "./typescript-compiler.ts";
import { browserTeachEnvironment } from "./teach.ts";

export interface BrowserKernelOptions {
  /** the notebook's path under the root, e.g. "lessons/spiral.html": its folder anchors relative names */
  notebookPath: string;
  /** the files under the root (paths under the root); `url` is required: imports load from it */
  files: ServedFiles;
  document?: Document;
  /** the element whose width the `width` builtin follows; default the document's body */
  column?: () => Element;
  /** tfjs backends to try, in order; default WASM, then CPU */
  backends?: BrowserBackend[];
  /** the teaching kit's environment (a static export reads its exported weights); files default to the notebook's */
  teach?: () => Promise<TeachEnvironment>;
  /** milliseconds a cell may run without yielding (the app's setting); default loop-guard.ts's */
  loopBudgetMs?: number;
  /**
   * tfjs (most of a megabyte) starts loading once this resolves: the page lets the first outputs
   * show before the browser spends its main thread on it; default at once
   */
  beforeTensorflow?: () => Promise<void>;
}

export function createBrowserKernel({ notebookPath, files, document = globalThis.document, column, backends, teach, loopBudgetMs, beforeTensorflow }: BrowserKernelOptions): Kernel {
  const beside = besideNotebook(files, notebookPath, "the served folder");
  const url = (name: string) => beside.url(name);
  let trainingBackend: string | undefined;
  const environment = teach ?? browserTeachEnvironment({ onBackendChoice: (choice) => (trainingBackend = choice.backend) });
  const library = createLibrary({
    loadTensorflow: async () => (await beforeTensorflow?.(), loadTensorflow(backends)),
    FileAttachment: createFileAttachment(async (name) => {
      try {
        return await beside.read(name);
      } catch (error) {
        if (error instanceof FileNotFoundError) throw new Error(`FileAttachment("${name}"): file not found (tried ${error.tried})`);
        throw new Error(`FileAttachment("${name}"): ${(error as Error).message}`, { cause: error });
      }
    }, url),
    // The teaching kit with the widget specs; a static export brings its exported weights, the app caches in IndexedDB.
    teach: async () => {
      const [{ createTeach }, { widgetSpecs }, given] = await Promise.all([import("../../src/teach/kit.ts"), import("../../src/widgets/specs.ts"), environment()]);
      return createTeach({ files: beside, ...given }, { widgets: widgetSpecs });
    },
    builtins: browserBuiltins(document, column ?? (() => document.body))
  });
  const runtime = deferUntilTypeScriptLoads(createNotebookRuntime({
    builtins: library,
    importModule: createBrowserModuleLoader({ fileUrl: url }),
    global: (name) => {
      if (name in globalThis) return (globalThis as Record<string, unknown>)[name];
      throw new ReferenceError(`${name} is not defined`);
    },
    loopBudgetMs
  }));
  return runtimeKernel(runtime, { library, backend: () => trainingBackend ?? tensorflowBackend() });
}
