// The Node kernel: runs a notebook headless. DOM-only builtins report "needs a browser" instead of
// failing; Markdown and HTML cells render through jsdom so their summaries read as text.
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { Cell } from "@observablehq/notebook-kit";
import { BROWSER_ONLY_NAMES, NeedsBrowserError } from "../../src/runtime/errors.ts";
import type { Kernel } from "../../src/runtime/kernel.ts";
import { createLibrary } from "../../src/runtime/library.ts";
import { createNotebookRuntime } from "../../src/runtime/notebook-runtime.ts";
import { createFileAttachment, type NotebookFile } from "../../src/runtime/stdlib/file-attachment.ts";
import { createDatabaseClient } from "../../src/runtime/stdlib/database-client.ts";
import { runSqlCell } from "../../src/server/sql-cells.ts";
import { runDataLoader } from "../../src/server/data-loaders.ts";
import type { CachedRequest } from "../../src/export/manifest.ts";
import { createInterpreter } from "../../src/runtime/stdlib/interpreter.ts";
import { createNodeDuckDBClient } from "./duckdb.ts";
import { createHtml, createMarkdown } from "../../src/runtime/stdlib/markdown.ts";
import { createTex } from "../../src/runtime/stdlib/tex.ts";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { createNodeModuleLoader } from "./modules.ts";
import type { BackendChoice } from "../../src/teach/backend-choice.ts";
import type { TrainingCache } from "../../src/teach/cache-entry.ts";
import { loadNodeTensorflow, nodeBackendChooser, tensorflowBackend, NODE_BACKENDS, type NodeBackend } from "./tensorflow.ts";

export interface NodeKernelOptions {
  /** the notebook file: FileAttachment and relative imports resolve from its folder */
  file: string;
  /** backends to choose from by measurement (default: all that start here); one pins it */
  backends?: NodeBackend[];
  /** cache trained weights in .exemplar/cache beside the notebook (default true), or in this cache */
  cache?: boolean | TrainingCache;
  /** milliseconds a cell may run without yielding before it is stopped; default 10 s */
  loopBudgetMs?: number;
  /** the folder files a notebook names must stay in: default the working folder when the notebook is in it, else the notebook's */
  root?: string;
  /** told each file of .observable/cache a SQL cell or data loader used (notebook-relative), for an export */
  onCacheFile?: (path: string, request: CachedRequest) => void;
  /** run SQL cells and data loaders again instead of reading .observable/cache */
  refreshCache?: boolean;
  /** how long a data loader may run; default 120 s (the CLI's time limit) */
  loaderTimeoutMs?: number;
}

export interface NodeKernel extends Kernel {
  /** how each training's backend was chosen, and why a backend is missing (e.g. no GPU adapter) */
  backendReport(): { choices: BackendChoice[]; notes: string[] };
}

const BROWSER_ONLY_BUILTINS = ["Inputs", "tfvis", "Plot", "svg", "DOM", "visibility"];

export function createNodeKernel({ file, backends = NODE_BACKENDS, cache = true, loopBudgetMs, root = defaultRoot(file), onCacheFile, refreshCache, loaderTimeoutMs }: NodeKernelOptions): NodeKernel {
  const folder = dirname(resolve(file));
  const notebook = relative(root, resolve(file)).split(sep).join("/");
  const DuckDBClient = createNodeDuckDBClient();
  const { document } = nodeDom();
  const needsBrowser = Object.fromEntries(
    BROWSER_ONLY_BUILTINS.map((name) => [
      name,
      () => {
        throw new NeedsBrowserError(name);
      }
    ])
  );
  const choices: BackendChoice[] = [];
  let notes: string[] = [];
  const loadTensorflow = async () => {
    const loaded = await loadNodeTensorflow(backends);
    notes = loaded.notes;
    return loaded.tf;
  };
  const importModule = createNodeModuleLoader({ notebookPath: file, root });
  const FileAttachment = createFileAttachment(
      async (name) => {
        const path = resolve(folder, name);
        try {
          return new Response(await readFile(path));
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          throw new Error(`FileAttachment("${name}"): ${code === "ENOENT" ? "file not found" : String(error)} (tried ${path})`);
        }
      },
      undefined,
      { diskPath: (name) => resolve(folder, name), parquet: (file) => readParquet(DuckDBClient, file) }
  );
  const library = createLibrary({
    loadTensorflow,
    importModule,
    FileAttachment,
    // The teaching kit's cache and files, and each training on the backend measured fastest for its model.
    teach: async () => {
      const [{ folderCache }, { folderFiles }, chooseBackend] = await Promise.all([
        import("../../src/teach/cache-folder.ts"),
        import("../../src/teach/files-folder.ts"),
        nodeBackendChooser(backends)
      ]);
      return {
        cache: cache === true ? folderCache(resolve(folder, ".exemplar/cache")) : cache || undefined,
        files: folderFiles(folder),
        chooseBackend,
        onBackendChoice: (choice: BackendChoice) => choices.push(choice)
      };
    },
    builtins: {
      ...needsBrowser,
      DuckDBClient: () => DuckDBClient,
      // Data-loader cells: the interpreter's output, cached in .observable/cache, as a FileAttachment.
      Interpreter: () =>
        createInterpreter(async (run) => {
          const output = await runDataLoader({ root, notebook, ...run, refresh: refreshCache }, undefined, { timeoutMs: loaderTimeoutMs });
          onCacheFile?.(output.path, { kind: "loader", mode: run.mode, format: run.format, source: run.source });
          return output.path;
        }, FileAttachment),
      // SQL cells with a database attribute: Kit's connectors, results cached in .observable/cache.
      DatabaseClient: () =>
        createDatabaseClient(async ({ database, strings, params, since }) => {
          const result = await runSqlCell({ root, notebook, database, strings, params, since, refresh: refreshCache });
          onCacheFile?.(result.cachePath, { kind: "sql", database, strings, params });
          return result;
        }),
      md: () => createMarkdown(document),
      html: () => createHtml(document),
      // HTML cells compile to htl.html`…`; jsdom renders them so their summaries read as text.
      htl: () => ({ html: createHtml(document) }),
      tex: () => createTex(document),
      // Observable's default page width, so layout arithmetic in cells still runs headless.
      width: () => 640
    }
  });
  const runtime = createNotebookRuntime({
    builtins: library,
    importModule,
    global: nodeGlobal,
    // Kit compiles a page's globals (window, devicePixelRatio, …) to direct reads; headless each read is a NeedsBrowserError.
    guardGlobals: { names: BROWSER_ONLY_NAMES, read: nodeGlobal },
    // A SQL cell's value headless is its rows (Inputs.table needs a page); `viewof` reads them too.
    sqlTable: headlessTable,
    loopBudgetMs
  });
  return {
    runtime,
    load: (cells: Cell[]) => runtime.setCells(cells),
    backend: () => tensorflowBackend(),
    backendReport: () => ({ choices: [...choices], notes: [...notes] }),
    dispose: () => runtime.dispose()
  };
}

/** Rows that serve as their own input element, so a SQL cell's `output` is its rows headless. */
function headlessTable(rows: unknown): unknown {
  if (!Array.isArray(rows)) return rows;
  const none = () => {};
  return Object.defineProperties(rows, { value: { value: rows, configurable: true }, addEventListener: { value: none, configurable: true }, removeEventListener: { value: none, configurable: true } });
}

/** FileAttachment(…).parquet(): the file's rows through DuckDB. */
async function readParquet(DuckDBClient: ReturnType<typeof createNodeDuckDBClient>, file: NotebookFile): Promise<unknown> {
  const db = await DuckDBClient.of({ file });
  try {
    return await db.query("SELECT * FROM file");
  } finally {
    db.close();
  }
}

/** The working folder when the notebook is inside it (so `../lib/x.js` may reach a sibling folder), else the notebook's own. */
function defaultRoot(file: string): string {
  const path = relative(process.cwd(), resolve(file));
  return path.startsWith("..") || isAbsolute(path) ? dirname(resolve(file)) : process.cwd();
}

/** Names no cell defines resolve to Node's globals (Math, JSON, fetch, …), as in a page; a page's own globals need one. */
function nodeGlobal(name: string): unknown {
  // A page's own globals need a page even where Node has a namesake (Node 21+ has a navigator).
  if (BROWSER_ONLY_NAMES.has(name)) throw new NeedsBrowserError(name);
  if (name in globalThis) return (globalThis as Record<string, unknown>)[name];
  throw new ReferenceError(`${name} is not defined`);
}
