// SQL cells with a `database` attribute, run as Notebook Kit runs them: the settings in
// `.observable/databases.json` beside the notebook (or Kit's default names: duckdb, sqlite,
// postgres, *.duckdb, *.db), Kit's own connectors, and the result cached in `.observable/cache`
// under Kit's file name, so Kit's tools and ours read each other's results. Each `${…}` value is a
// parameter of the query ($1, $2, … or ?), never spliced into its text. DuckDB never downloads an
// extension; its relative file names are the notebook's folder's. Each query runs in a process of
// its own (sql-query-process.js), in the notebook's folder, with a time limit.
import { spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { dirname, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { getQueryCachePath } from "@observablehq/notebook-kit/databases";
import type { QueryResults } from "../runtime/stdlib/query-results.ts";
import { trustedNotebookFile, TRUSTED_BY_CALLER, type TrustCheck } from "./notebook-trust.ts";

export interface SqlCellQuery {
  /** the folder notebooks live under */
  root: string;
  /** the notebook, relative to the root */
  notebook: string;
  database: string;
  strings: string[];
  params: unknown[];
  /** a cached result older than this is run again (Kit's `since` attribute) */
  since?: Date;
  /** run again even when a cached result exists */
  refresh?: boolean;
}

export interface SqlCellResult extends QueryResults {
  /** whether the rows came from .observable/cache */
  cached: boolean;
  /** the cache file, relative to the notebook's folder (what an export copies) */
  cachePath: string;
}

// Resolved when used: the Node kernel is also loaded where modules have no file: URL (jsdom tests).
const queryProcess = () => fileURLToPath(new URL("./sql-query-process.js", import.meta.url));

export async function runSqlCell(query: SqlCellQuery, trust: TrustCheck = TRUSTED_BY_CALLER, { timeoutMs = 120_000 } = {}): Promise<SqlCellResult> {
  const notebookFile = await trustedNotebookFile(query.root, query.notebook, trust);
  const folder = dirname(notebookFile);
  const cacheFile = await getQueryCachePath(notebookFile, query.database, query.strings, ...query.params);
  const cachePath = relative(folder, cacheFile).split(sep).join("/");
  if (!query.refresh) {
    const cached = await readCache(cacheFile, query.since);
    if (cached) return { ...cached, cached: true, cachePath };
  }
  await runQueryProcess({ notebookFile, database: query.database, strings: query.strings, params: query.params, cacheFile }, timeoutMs, query.database);
  const results = await readCache(cacheFile, undefined);
  if (!results) throw new Error(`${query.database}: the query wrote no result`);
  return { ...results, cached: false, cachePath };
}

/** Runs sql-query-process.js; its one line on stderr is the error, named by the database. */
function runQueryProcess(input: object, timeoutMs: number, database: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [queryProcess()], { stdio: ["pipe", "ignore", "pipe"], timeout: timeoutMs });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolve();
      const why = signal ? `stopped after ${timeoutMs / 1000} s` : stderr.trim().replace(/\s*\n\s*/g, " ") || `the query process exited with ${code}`;
      reject(new Error(`${database}: ${why}`));
    });
    child.stdin.end(JSON.stringify(input));
  });
}

async function readCache(file: string, since: Date | undefined): Promise<QueryResults | undefined> {
  try {
    if (since && (await stat(file)).mtime < since) return undefined;
    return JSON.parse(await readFile(file, "utf8")) as QueryResults;
  } catch {
    return undefined;
  }
}
