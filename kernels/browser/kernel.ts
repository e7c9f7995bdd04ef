// The browser kernel: runs a notebook in the page. Cells get the shared library (tf, teach, dfd, …)
// plus the page's own builtins; files and relative imports come through the file API from the
// notebook's folder; tfjs runs on WASM (falling back to CPU), chosen before the first tensor.
import type { Cell } from "@observablehq/notebook-kit";
import type { Kernel } from "../../src/runtime/kernel.ts";
import { createLibrary, type LibraryEnvironment } from "../../src/runtime/library.ts";
import { createNotebookRuntime } from "../../src/runtime/notebook-runtime.ts";
import { createFileAttachment } from "../../src/runtime/stdlib/file-attachment.ts";
import { browserBuiltins } from "./builtins.ts";
import { loadLibrary } from "./library-map.ts";
import { createDatabaseClient, type RunQuery } from "../../src/runtime/stdlib/database-client.ts";
import { createInterpreter, type RunLoader } from "../../src/runtime/stdlib/interpreter.ts";
import { createBrowserModuleLoader } from "./modules.ts";
import { resolveNotebookPath } from "./paths.ts";
import { loadTensorflow, tensorflowBackend, type BrowserBackend } from "./tensorflow.ts";
import { deferUntilTypeScriptLoads } from "./typescript-compiler.ts";
import { browserTeachEnvironment } from "./teach.ts";

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
  /** versions of the local modules the person trusted with the notebook (see trust-modules.ts) */
  pinnedModules?: ReadonlyMap<string, string>;
  /** runs a SQL cell's query on a configured database (the app's server, or an export's cached results) */
  runQuery?: RunQuery;
  /** runs a data-loader cell (the app's server, or an export's cached output) */
  runLoader?: RunLoader;
}

export function createBrowserKernel({ notebookPath, files, document = globalThis.document, column, backends, teach, loopBudgetMs, pinnedModules, runQuery = noServer, runLoader = noServer }: BrowserKernelOptions): Kernel {
  const resolve = (name: string) => resolveNotebookPath(notebookPath, name);
  const DuckDBClient = () => import("./duckdb.ts").then(({ createPageDuckDBClient }) => (duckDBClient ??= createPageDuckDBClient()));
  let duckDBClient: ReturnType<typeof import("./duckdb.ts").createPageDuckDBClient> | undefined;
  const FileAttachment = createFileAttachment(
    async (name) => {
      const path = resolve(name);
      const response = await files.read(path);
      if (!response.ok) throw new Error(`FileAttachment("${name}"): ${response.status === 404 ? "file not found" : `HTTP ${response.status}`} (tried ${path})`);
      return response;
    },
    (name) => files.url(resolve(name)),
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
  const importModule = createBrowserModuleLoader({ notebookPath, read: files.read, fileUrl: files.url, pinnedModules });
  const library = createLibrary({
    importModule,
    loadTensorflow: () => loadTensorflow(backends),
    FileAttachment,
    // A static export brings its own (exported weights, read-only files); the app caches and saves.
    teach: teach ?? browserTeachEnvironment({ notebookPath, onBackendChoice: (choice) => (trainingBackend = choice.backend) }),
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
  return {
    runtime,
    load: (cells: Cell[]) => runtime.setCells(cells),
    backend: () => trainingBackend ?? tensorflowBackend(),
    dispose: () => runtime.dispose()
  };
}

async function noServer(): Promise<never> {
  throw new Error("this cell needs the app's server (SQL on a configured database, or a data loader), which this page does not have");
}
