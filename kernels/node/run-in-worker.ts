// Inside the notebook's worker thread: runs the notebook with runNotebookFile and tells the
// watchdog (watchdog.ts) what it needs to report the run even if it has to stop this thread: the
// title, then each cell's outcome as it changes (sent at once, without waiting for a timer, so a
// cell that starves the event loop has already been reported as running).
import { parentPort, workerData } from "node:worker_threads";
import { NotebookFileError } from "../../src/notebook/file-error.ts";
import { LimitError } from "../../src/runtime/errors.ts";
import { reportRunningCellTo } from "../../src/runtime/loop-guard.ts";
import type { TrainingCache } from "../../src/teach/cache-entry.ts";
import { folderCache } from "../../src/teach/cache-folder.ts";
import { dirname, join, resolve } from "node:path";
import { runNotebookFile, type CellResult } from "./run.ts";
import type { WorkerMessage, WorkerRun } from "./watchdog.ts";
import type { CachedRequest } from "../../src/export/manifest.ts";

const { file, options, runningCell } = workerData as WorkerRun;
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
// The cell running now, readable by the watchdog even while this thread is stuck in it.
reportRunningCellTo(runningCell);

// A cell may not end the process (in a worker, process.exit would end only this thread, silently).
const refuseExit = (what: string) => () => {
  throw new LimitError(`a cell may not end the process (it called ${what})`);
};
process.exit = refuseExit("process.exit") as typeof process.exit;
process.abort = refuseExit("process.abort") as typeof process.abort;
const kill = process.kill.bind(process);
process.kill = ((pid: number, signal?: string | number) => (pid === process.pid || pid === 0 ? refuseExit("process.kill")() : kill(pid, signal))) as typeof process.kill;

// Each cell's latest outcome goes out when its status changes, and at most every 200 ms otherwise
// (a training yields every epoch).
const sent = new Map<number, { status: string; at: number }>();
const onCell = (cell: CellResult) => {
  const last = sent.get(cell.id);
  const now = performance.now();
  if (last && last.status === cell.status && now - last.at < 200) return;
  sent.set(cell.id, { status: cell.status, at: now });
  post({ type: "cell", cell });
};

// The cache keys a training used, and the SQL results and loader outputs, for `exemplar build` to copy.
const trainings = new Set<string>();
const cacheFiles: { path: string; request: CachedRequest }[] = [];
let cache: boolean | TrainingCache = options.cache;
if (options.recordForExport && options.cache) {
  const folder = folderCache(join(dirname(resolve(file)), ".exemplar/cache"));
  cache = {
    async get(key) {
      const entry = await folder.get(key);
      if (entry) trainings.add(key);
      return entry;
    },
    async set(key, entry) {
      await folder.set(key, entry);
      trainings.add(key);
    }
  };
}

try {
  const result = await runNotebookFile(file, {
    ...options,
    cache,
    onStart: (title, cellIds) => post({ type: "start", title, cellIds }),
    onCell,
    onCacheFile: options.recordForExport ? (path, request) => cacheFiles.push({ path, request }) : undefined
  });
  post({ type: "done", result, trainings: [...trainings], cacheFiles });
} catch (error) {
  if (error instanceof NotebookFileError) post({ type: "file-error", file: error.file, line: error.line, column: error.column, reason: error.reason });
  else post({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
