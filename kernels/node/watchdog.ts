// The CLI never hangs and never lies: a notebook runs in a worker thread under a watchdog. The run
// keeps its own time limit (cells still going at --timeout are reported as they are); the watchdog
// stops the thread outright when that limit passes and the run cannot even say so (a cell that
// never yields to the event loop: `while (true) await null;`, a regular expression backtracking
// without end), and when the process's resident size passes --max-memory (tensors live outside
// the JS heap, so the heap limit alone would not see them; it is set too, so running out of heap
// stops the thread cleanly instead of ending the process with V8's fatal error). A cell running
// when the thread is stopped is a failed cell of kind "limit", and so is a cell calling
// process.exit(); the cells it reported before keep their outcomes.
import { totalmem } from "node:os";
import { Worker } from "node:worker_threads";
import { NotebookFileError } from "../../src/notebook/file-error.ts";
import { LimitError, toCellError } from "../../src/runtime/errors.ts";
import type { CachedRequest } from "../../src/export/manifest.ts";
import type { CellResult, NotebookResult, RunOptions } from "./run.ts";

export interface IsolatedRunOptions extends Omit<RunOptions, "cache" | "onStart" | "onCell" | "onCacheFile"> {
  cache?: boolean;
  /** resident size of the process at which the run is stopped; default 3/4 of memory, at most 4 GB */
  maxMemoryMb?: number;
  /** report the training cache keys and the .observable/cache files the run used (exemplar build copies them) */
  recordForExport?: boolean;
}

export interface IsolatedResult extends NotebookResult {
  /** the training cache keys used, with recordForExport */
  trainings: string[];
  /** the files of .observable/cache that SQL cells and data loaders used, with recordForExport */
  cacheFiles: { path: string; request: CachedRequest }[];
}

/** What the worker is given (run-in-worker.ts). */
export interface WorkerRun {
  file: string;
  options: Omit<IsolatedRunOptions, "maxMemoryMb"> & { cache: boolean };
  /** [the id of the cell whose code ran last], shared with the worker (loop-guard.ts writes it) */
  runningCell: Int32Array;
}

export type WorkerMessage =
  | { type: "start"; title: string; cellIds: number[] }
  | { type: "cell"; cell: CellResult }
  | { type: "done"; result: NotebookResult; trainings: string[]; cacheFiles: IsolatedResult["cacheFiles"] }
  | { type: "file-error"; file: string; line: number; column: number; reason: string }
  | { type: "failed"; message: string };

/** Time the run gets past its own limit to report before it is stopped. */
const GRACE_MS = 2000;
/** Time the worker gets to load the kernel and read the notebook, before the run's clock starts. */
const STARTUP_MS = 60_000;
const MEMORY_POLL_MS = 50;

export function defaultMaxMemoryMb(): number {
  return Math.min(4096, Math.floor((totalmem() / 1024 / 1024) * 0.75));
}

export function runNotebookIsolated(file: string, options: IsolatedRunOptions = {}): Promise<IsolatedResult> {
  const { maxMemoryMb = defaultMaxMemoryMb(), timeoutMs = 120_000, ...rest } = options;
  const started = performance.now();
  const runningCell = new Int32Array(new SharedArrayBuffer(4));
  const workerRun: WorkerRun = { file, options: { ...rest, timeoutMs, cache: rest.cache ?? true }, runningCell };
  const worker = new Worker(new URL("./run-worker.js", import.meta.url), {
    workerData: workerRun,
    // The JS heap may not outgrow the whole run's allowance; past it, the thread stops cleanly.
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    stdout: false,
    stderr: false
  });
  let title = "";
  let cellIds: number[] = [];
  const cells = new Map<number, CellResult>();

  return new Promise<IsolatedResult>((resolve, reject) => {
    let finished = false;
    const finish = (outcome: () => IsolatedResult | Error) => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      clearInterval(memory);
      void worker.terminate();
      const value = outcome();
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    /** The run as last reported, with the cells running now failed for `why`. */
    const stopped = (why: string): IsolatedResult => {
      const known = cellIds.length ? cellIds : [...cells.keys()];
      // The cell whose code ran last, unless it has finished since; else any generator still going.
      const last = Atomics.load(runningCell, 0);
      const lastStillGoing = known.includes(last) && !["fulfilled", "rejected"].includes(cells.get(last)?.status ?? "pending");
      const running = lastStillGoing ? [last] : known.filter((id) => cells.get(id)?.status === "running");
      const results = known.map((id): CellResult => {
        const cell = cells.get(id) ?? { id, names: [], status: "pending", summary: "(no value reported)", ms: 0 };
        if (!running.includes(id)) return cell;
        const error = toCellError(id, new LimitError(why));
        return { ...cell, status: "rejected", summary: error.message, ms: Math.round(performance.now() - started), error: { kind: error.kind, message: error.message } };
      });
      return {
        file,
        title,
        backend: null,
        backendChoices: [],
        backendNotes: [],
        ms: Math.round(performance.now() - started),
        timedOut: why.includes("(--timeout"),
        ok: false,
        cells: results,
        warnings: [],
        strayErrors: running.length ? [] : [`${why} (no cell was running: a timer or callback a cell set up)`],
        trainings: [],
        cacheFiles: []
      };
    };

    worker.on("message", (message: WorkerMessage) => {
      switch (message.type) {
        case "start":
          title = message.title;
          cellIds = message.cellIds;
          // The run's own clock starts now; so does the watchdog's.
          clearTimeout(deadline);
          deadline = setTimeout(() => finish(() => stopped(timeLimit)), timeoutMs + GRACE_MS);
          break;
        case "cell":
          cells.set(message.cell.id, message.cell);
          break;
        case "done":
          finish(() => ({ ...message.result, trainings: message.trainings, cacheFiles: message.cacheFiles }));
          break;
        case "file-error":
          finish(() => new NotebookFileError(message.file, message.line, message.column, message.reason));
          break;
        case "failed":
          finish(() => new Error(`the notebook's kernel failed: ${message.message}`));
      }
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") finish(() => stopped(`out of memory: the JavaScript heap reached the limit of ${maxMemoryMb} MB (--max-memory); the run was stopped`));
      else finish(() => stopped(`the kernel stopped with an error outside any cell: ${error.message}`));
    });
    worker.on("exit", (code) => finish(() => stopped(`the kernel stopped unexpectedly (exit code ${code})`)));

    const timeLimit = `stopped at the time limit (--timeout ${timeoutMs / 1000} s): it never let the kernel stop it (a loop awaiting nothing, or a regular expression that backtracks without end)`;
    let deadline = setTimeout(() => finish(() => stopped(`the kernel did not start within ${STARTUP_MS / 1000} s`)), STARTUP_MS);
    const memory = setInterval(() => {
      const residentMb = process.memoryUsage.rss() / 1024 / 1024;
      if (residentMb > maxMemoryMb) finish(() => stopped(`out of memory: the process grew to ${Math.round(residentMb)} MB, past the limit of ${maxMemoryMb} MB (--max-memory); the run was stopped`));
    }, MEMORY_POLL_MS);
  });
}
