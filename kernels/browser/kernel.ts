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
import { loadLibrary } from "./library-map.ts";
import { createDatabaseClient, type RunQuery } from "../../src/runtime/stdlib/database-client.ts";
import { createInterpreter, type RunLoader } from "../../src/runtime/stdlib/interpreter.ts";
import { createBrowserModuleLoader } from "./modules.ts";
import { attachmentReader, besideNotebook, type ServedFiles } from "../../src/notebook/notebook-files.ts";
import type { TeachEnvironment } from "../../src/teach/kit.ts";
import { loadTensorflow, tensorflowBackend, type BrowserBackend } from "./tensorflow.ts";
import { deferUntilTypeScriptLoads } from "./typescript-compiler.ts";
import { browserTeachEnvironment } from "./teach.ts";
import type { TrainerConnection } from "../../src/teach/worker-trainer.ts";

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
  /** versions of the local modules the person trusted with the notebook (see trust-modules.ts) */
  pinnedModules?: ReadonlyMap<string, string>;
  /** runs a SQL cell's query on a configured database (the app's server, or an export's cached results) */
  runQuery?: RunQuery;
  /** runs a data-loader cell (the app's server, or an export's cached output) */
  runLoader?: RunLoader;
  /** reads a file of Kit's sample datasets (the app's server, or the files an export carries) */
  readSampleDataset?: (file: string) => Promise<Response>;
  /**
   * starts the trainer's Web Worker (kernels/browser/trainer-worker.ts), for trainings too slow for
   * the page; the app passes it (a static export does not, and trains in the page)
   */
  trainerWorker?: () => TrainerConnection;
}

export function createBrowserKernel(options: BrowserKernelOptions): Kernel {
  const { notebookPath, files, document = globalThis.document, column, backends, teach, loopBudgetMs, beforeTensorflow, pinnedModules, runQuery = noServer, runLoader = noServer, readSampleDataset, trainerWorker } = options;
  const beside = besideNotebook(files, notebookPath, "the served folder");
  const url = (name: string) => beside.url(name);
  const DuckDBClient = () => import("./duckdb.ts").then(({ createPageDuckDBClient }) => (duckDBClient ??= createPageDuckDBClient()));
  let duckDBClient: ReturnType<typeof import("./duckdb.ts").createPageDuckDBClient> | undefined;
  const FileAttachment = createFileAttachment(
    attachmentReader(beside),
    url,
    {
      parquet: async (file) => {
        const db = await (await DuckDBClient()).of({ file });
        try {
          return await db.query("SELECT * FROM file");
        } finally {
          db.close();
        }
      }
    }
  );
  let trainingBackend: string | undefined;
  // Made with the teaching kit (a notebook that never trains loads none of it), started on the
  // first training sent to it, ended with the kernel.
  let worker: { dispose(): void } | undefined;
  let disposed = false;
  const environment =
    teach ??
    browserTeachEnvironment({
      // The bar reads "tfjs · webgpu · worker" when the latest training went to the worker.
      onBackendChoice: (choice) => (trainingBackend = choice.trainer === "worker" ? `${choice.backend} · worker` : choice.backend),
      trainerWorker: trainerWorker && typeof Worker === "function" ? trainerWorker : undefined,
      onWorker: (made) => (disposed ? made.dispose() : (worker = made))
    });
  const importModule = createBrowserModuleLoader({ notebookPath, read: files.read.bind(files), fileUrl: files.url.bind(files), pinnedModules });
  const library = createLibrary({
    importModule,
    loadTensorflow: async () => (await beforeTensorflow?.(), loadTensorflow(backends)),
    FileAttachment,
    sampleDataset: readSampleDataset && createFileAttachment(readSampleDataset),
    // The teaching kit with the widget specs; a static export brings its exported weights, the app caches in IndexedDB.
    teach: async () => {
      const [{ createTeach }, { widgetSpecs }, given] = await Promise.all([import("../../src/teach/kit.ts"), import("../../src/widgets/specs.ts"), environment()]);
      return createTeach({ files: beside, ...given }, { widgets: widgetSpecs });
    },
    builtins: {
      ...browserBuiltins(document, column ?? (() => document.body)),
      DuckDBClient,
      DatabaseClient: () => createDatabaseClient(runQuery),
      Interpreter: () => createInterpreter(runLoader, FileAttachment)
    }
  });
  const runtime = deferUntilTypeScriptLoads(createNotebookRuntime({
    builtins: library,
    importModule,
    global: (name) => {
      if (name in globalThis) return (globalThis as Record<string, unknown>)[name];
      throw new ReferenceError(`${name} is not defined`);
    },
    loopBudgetMs,
    // A SQL cell shows its rows as Kit does, in Inputs.table (its `output` is the table's selection).
    sqlTable: async (rows) => (Array.isArray(rows) ? (await loadLibrary<{ table(rows: unknown): unknown }>("@observablehq/inputs")).table(rows) : rows)
  }));
  const kernel = runtimeKernel(runtime, { library, backend: () => trainingBackend ?? tensorflowBackend() });
  return {
    ...kernel,
    send(command) {
      const answer = kernel.send(command);
      if (command.type === "dispose") {
        disposed = true;
        worker?.dispose();
      }
      return answer;
    }
  };
}

async function noServer(): Promise<never> {
  throw new Error("this cell needs the app's server (SQL on a configured database, or a data loader), which this page does not have");
}
