// Runs a notebook file to completion (or a time limit) and reports each cell: what the CLI prints
// and what CI checks for every shipped notebook.
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import type { CellError } from "../../src/runtime/errors.ts";
import type { CellReport } from "../../src/runtime/notebook-runtime.ts";
import { createNodeKernel } from "./kernel.ts";
import { summarize } from "./summary.ts";
import type { NodeBackend } from "./tensorflow.ts";
import type { BackendChoice } from "../../src/teach/backend-choice.ts";
import type { TrainingCache } from "../../src/teach/cache-entry.ts";
import type { CachedRequest } from "../../src/export/manifest.ts";

export type CellOutcome = "fulfilled" | "running" | "pending" | "rejected" | "needs-browser";

export interface CellResult {
  id: number;
  names: string[];
  status: CellOutcome;
  summary: string;
  ms: number;
  /** the cell's declared names that hold a number, string or boolean (e.g. accuracy) */
  values?: Record<string, number | string | boolean>;
  error?: Pick<CellError, "kind" | "message" | "line" | "column">;
}

export interface NotebookResult {
  file: string;
  title: string;
  backend: string | null;
  /** how each training chose its backend ("wasm: 1.9 ms/step, cpu: 2.4 ms/step → wasm") */
  backendChoices: BackendChoice[];
  /** why a backend is not available (e.g. "webgpu: no GPU adapter: …") */
  backendNotes: string[];
  ms: number;
  timedOut: boolean;
  /** every cell fulfilled, still running with a value, or needs a browser */
  ok: boolean;
  cells: CellResult[];
  /** what saving would change in the file (see validate.ts), as "line:column: message" */
  warnings: string[];
  /** errors thrown outside any cell's run (a timer or callback a cell set up); they fail the run */
  strayErrors: string[];
}

export interface RunOptions {
  timeoutMs?: number;
  backends?: NodeBackend[];
  /** serve and store trained weights in the notebook's .exemplar/cache (default true), or in this cache */
  cache?: boolean | TrainingCache;
  /** milliseconds a cell may run without yielding; default loop-guard.ts's */
  loopBudgetMs?: number;
  /** the folder the paths the notebook names must stay inside; default the notebook's own folder */
  root?: string;
  /** told the title once the file is read, then each cell's outcome as it changes (a watchdog's view) */
  onStart?: (title: string, cellIds: number[]) => void;
  onCell?: (cell: CellResult) => void;
  /** told each .observable/cache file a SQL cell or data loader used (for an export) */
  onCacheFile?: (path: string, request: CachedRequest) => void;
}

export async function runNotebookFile(file: string, { timeoutMs = 120_000, backends, cache, loopBudgetMs, root, onStart, onCell, onCacheFile }: RunOptions = {}): Promise<NotebookResult> {
  const { notebook, warnings } = await readNotebookFile(file);
  const started = performance.now();
  // --no-cache also runs SQL cells and data loaders again; a loader gets the run's time limit.
  const kernel = createNodeKernel({ file, root, backends, cache, loopBudgetMs, onCacheFile, refreshCache: cache === false, loaderTimeoutMs: timeoutMs });
  onStart?.(notebook.title, notebook.cells.map((cell) => cell.id));
  if (onCell) kernel.runtime.subscribe((report) => onCell(toResult(report, performance.now() - started)));
  // In a page such an error is only logged; headless it would end the process mid-run, losing the
  // report of every cell. Record it, finish the run, and fail it.
  const strays: unknown[] = [];
  const stray = (error: unknown) => void strays.push(error);
  process.on("uncaughtException", stray);
  process.on("unhandledRejection", stray);
  try {
    kernel.load(notebook.cells);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = await Promise.race([
      kernel.runtime.settled().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))
    ]);
    clearTimeout(timer);
    const cells = kernel.runtime.reports().map((report) => toResult(report, performance.now() - started));
    // A cell that needs a browser may have stopped halfway, leaving a timer that fails (a d3
    // simulation ticking into a chart never drawn): its errors are that cell's, not the run's.
    const needsBrowser = new Set(cells.filter((cell) => cell.status === "needs-browser").map((cell) => cell.id));
    const strayErrors = strays
      .filter((error) => !(error instanceof Error && [...(error.stack ?? "").matchAll(/exemplar-cell-(\d+)\.js/g)].some((frame) => needsBrowser.has(Number(frame[1])))))
      .map((error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
    return {
      file,
      title: notebook.title,
      backend: kernel.backend() ?? null,
      backendChoices: kernel.backendReport().choices,
      backendNotes: kernel.backendReport().notes,
      ms: Math.round(performance.now() - started),
      timedOut,
      ok: !strayErrors.length && cells.every((cell) => cell.status === "fulfilled" || cell.status === "running" || cell.status === "needs-browser"),
      cells,
      warnings: warnings.map((warning) => `${warning.line}:${warning.column}: ${warning.message}`),
      strayErrors
    };
  } finally {
    kernel.dispose();
    process.off("uncaughtException", stray);
    process.off("unhandledRejection", stray);
  }
}

function toResult(report: CellReport, elapsedMs: number): CellResult {
  const status: CellOutcome = report.error?.kind === "needs-browser" ? "needs-browser" : report.status;
  const shown = report.value === undefined && report.displayed.length ? report.displayed[report.displayed.length - 1] : shownValue(report);
  return {
    id: report.id,
    names: report.names,
    status,
    summary: report.error ? report.error.message : report.status === "pending" ? "(no value in time)" : summarize(shown),
    ms: Math.round(report.status === "pending" ? elapsedMs : (report.ms ?? 0)),
    values: plainValues(report),
    error: report.error && { kind: report.error.kind, message: report.error.message, line: report.error.line, column: report.error.column }
  };
}

/** A cell declaring one name shows that name's value; one declaring several shows them all. */
function shownValue(report: CellReport): unknown {
  if (report.names.length === 1 && report.value && typeof report.value === "object" && report.names[0] in report.value) {
    return (report.value as Record<string, unknown>)[report.names[0]];
  }
  return report.value;
}

function plainValues(report: CellReport): CellResult["values"] {
  if (report.status === "rejected" || !report.value || typeof report.value !== "object") return undefined;
  const entries = report.names
    .map((name) => [name, (report.value as Record<string, unknown>)[name]] as const)
    .filter(([, value]) => ["number", "string", "boolean"].includes(typeof value));
  return entries.length ? (Object.fromEntries(entries) as Record<string, number | string | boolean>) : undefined;
}
