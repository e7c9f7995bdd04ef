// The Node kernel: runs a notebook headless. DOM-only builtins report "needs a browser" instead of
// failing; Markdown and HTML cells render through jsdom so their summaries read as text. Paths the
// notebook names resolve from its folder and stay inside the root (`--root`; by default the
// notebook's own folder), as in the page.
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import type { Cell } from "@observablehq/notebook-kit";
import { BROWSER_ONLY_NAMES, NeedsBrowserError } from "../../src/runtime/errors.ts";
import type { Kernel } from "../../src/runtime/kernel.ts";
import { createLibrary } from "../../src/runtime/library.ts";
import { createNotebookRuntime, type NotebookRuntime } from "../../src/runtime/notebook-runtime.ts";
import { runtimeKernel } from "../../src/runtime/runtime-kernel.ts";
import { createFileAttachment, type NotebookFile } from "../../src/runtime/stdlib/file-attachment.ts";
import { createDatabaseClient } from "../../src/runtime/stdlib/database-client.ts";
import { createInterpreter } from "../../src/runtime/stdlib/interpreter.ts";
import { runSqlCell } from "../../src/server/sql-cells.ts";
import { runDataLoader } from "../../src/server/data-loaders.ts";
import { sampleDatasetPath } from "../../src/server/sample-datasets.ts";
import type { CachedRequest } from "../../src/export/manifest.ts";
import { createNodeDuckDBClient } from "./duckdb.ts";
import { createHtml, createMarkdown } from "../../src/runtime/stdlib/markdown.ts";
import { createTex } from "../../src/runtime/stdlib/tex.ts";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { createNodeModuleLoader } from "./modules.ts";
import { diskFiles } from "./files.ts";
import { attachmentReader, besideNotebook } from "../../src/notebook/notebook-files.ts";
import { resolveNotebookPath } from "../../src/notebook/notebook-paths.ts";
import type { BackendChoice } from "../../src/teach/backend-choice.ts";
import type { TrainingCache } from "../../src/teach/cache-entry.ts";
import { loadNodeTensorflow, nodeBackendChooser, tensorflowBackend, NODE_BACKENDS, type NodeBackend } from "./tensorflow.ts";

export interface NodeKernelOptions {
  /** the notebook file: FileAttachment, relative imports and model folders resolve from its folder */
  file: string;
  /** the folder those paths must stay inside; default the notebook's own folder */
  root?: string;
  /** backends to choose from by measurement (default: all that start here); one pins it */
  backends?: NodeBackend[];
  /** cache trained weights in .exemplar/cache beside the notebook (default true), or in this cache */
  cache?: boolean | TrainingCache;
  /** milliseconds a cell may run without yielding before it is stopped; default 10 s */
  loopBudgetMs?: number;
  /** told each file of .observable/cache a SQL cell or data loader used (notebook-relative), for an export */
  onCacheFile?: (path: string, request: CachedRequest) => void;
  /** run SQL cells and data loaders again instead of reading .observable/cache */
  refreshCache?: boolean;
  /** how long a data loader may run; default 120 s (the CLI's time limit) */
  loaderTimeoutMs?: number;
}

/** The contract, and what the CLI and tests reach in this process: the runtime itself and shortcuts. */
export interface NodeKernel extends Kernel {
  readonly runtime: NotebookRuntime;
  /** send({type: "load", cells}) */
  load(cells: Cell[]): void;
  /** the tfjs backend in use, once a cell has used tfjs */
  backend(): string | undefined;
  /** send({type: "dispose"}) */
  dispose(): void;
  /** how each training's backend was chosen, and why a backend is missing (e.g. no GPU adapter) */
  backendReport(): { choices: BackendChoice[]; notes: string[] };
}

const BROWSER_ONLY_BUILTINS = ["Inputs", "tfvis", "Plot", "svg", "DOM", "visibility"];

export function createNodeKernel({ file, root, backends = NODE_BACKENDS, cache = true, loopBudgetMs, onCacheFile, refreshCache, loaderTimeoutMs }: NodeKernelOptions): NodeKernel {
  const folder = dirname(resolve(file));
  const rootFolder = resolve(root ?? folder);
  const notebookPath = notebookPathUnder(rootFolder, resolve(file));
  const disk = diskFiles(rootFolder);
  const files = besideNotebook(disk, notebookPath, rootFolder);
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
  const importModule = createNodeModuleLoader({ notebookPath: file, root: rootFolder });
  // Where DuckDB reads a file itself; a name the path rule refuses has none (reading it says why).
  const diskPathOf = (name: string) => {
    try {
      return disk.realPathNow(resolveNotebookPath(notebookPath, name, rootFolder));
    } catch {
      return undefined;
    }
  };
  const FileAttachment = createFileAttachment(
    attachmentReader(files),
    undefined,
    { diskPath: (name) => diskPathOf(name), parquet: (file) => readParquet(DuckDBClient, file) }
  );
  const library = createLibrary({
    loadTensorflow,
    importModule,
    FileAttachment,
    sampleDataset: createFileAttachment(async (file) => new Response(await readFile(sampleDatasetPath(file)))),
    // The teaching kit with the widget specs, its cache and files, and each training on the
    // backend measured fastest for its model.
    teach: async () => {
      const [{ createTeach }, { widgetSpecs }, { folderCache }, chooseBackend] = await Promise.all([
        import("../../src/teach/kit.ts"),
        import("../../src/widgets/specs.ts"),
        import("../../src/teach/cache-folder.ts"),
        nodeBackendChooser(backends)
      ]);
      const environment = {
        cache: cache === true ? folderCache(resolve(folder, ".exemplar/cache")) : cache || undefined,
        files,
        chooseBackend,
        onBackendChoice: (choice: BackendChoice) => choices.push(choice)
      };
      return createTeach(environment, { widgets: widgetSpecs });
    },
    builtins: {
      ...needsBrowser,
      DuckDBClient: () => DuckDBClient,
      // Data-loader cells: the interpreter's output, cached in .observable/cache, as a FileAttachment.
      Interpreter: () =>
        createInterpreter(async (run) => {
          const output = await runDataLoader({ root: rootFolder, notebook: notebookPath, ...run, refresh: refreshCache }, undefined, { timeoutMs: loaderTimeoutMs });
          onCacheFile?.(output.path, { kind: "loader", mode: run.mode, format: run.format, source: run.source });
          return output.path;
        }, FileAttachment),
      // SQL cells with a database attribute: Kit's connectors, results cached in .observable/cache.
      DatabaseClient: () =>
        createDatabaseClient(async ({ database, strings, params, since }) => {
          const result = await runSqlCell({ root: rootFolder, notebook: notebookPath, database, strings, params, since, refresh: refreshCache });
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
  const kernel = runtimeKernel(runtime, { library, backend: () => tensorflowBackend() });
  return {
    ...kernel,
    runtime,
    load: (cells: Cell[]) => kernel.send({ type: "load", cells }),
    backend: () => tensorflowBackend(),
    backendReport: () => ({ choices: [...choices], notes: [...notes] }),
    dispose: () => kernel.send({ type: "dispose" })
  };
}

/** The notebook's path under the root, "/"-separated; a notebook outside the root is refused. */
function notebookPathUnder(root: string, file: string): string {
  const path = relative(root, file);
  if (path.startsWith("..") || resolve(root, path) !== file || path === "") throw new RangeError(`the notebook ${file} is not inside the root ${root}`);
  return path.split(sep).join("/");
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

/** Names no cell defines resolve to Node's globals (Math, JSON, fetch, …), as in a page; a page's own globals need one. */
function nodeGlobal(name: string): unknown {
  // A page's own globals need a page even where Node has a namesake (Node 21+ has a navigator).
  if (BROWSER_ONLY_NAMES.has(name)) throw new NeedsBrowserError(name);
  if (name in globalThis) return (globalThis as Record<string, unknown>)[name];
  throw new ReferenceError(`${name} is not defined`);
}
