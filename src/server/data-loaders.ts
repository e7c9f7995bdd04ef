// Data-loader cells (`application/vnd.node.javascript`, `text/x-python`, `text/x-r`), run as Notebook
// Kit runs them: the cell's source on the interpreter's stdin, in the notebook's folder, stdout into
// `.observable/cache` under Kit's file name (so a changed cell is a new file), run again only when
// that file is missing (or older than the cell's `since`). Only for a trusted notebook, stopped at a
// time limit and at an output limit; a missing interpreter is a clear error.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, relative, sep } from "node:path";
import { trustedNotebookFile, TRUSTED_BY_CALLER, type TrustCheck } from "./notebook-trust.ts";

export interface DataLoaderRun {
  root: string;
  /** the notebook, relative to the root */
  notebook: string;
  mode: string;
  /** Kit's `format` attribute: the output's file type (json, csv, arrow, parquet, png, …) */
  format?: string;
  source: string;
  since?: Date;
  refresh?: boolean;
}

export interface DataLoaderLimits {
  /** stop the interpreter after this long; default 120 s (the CLI's time limit); Infinity never */
  timeoutMs?: number;
  /** stop it once it has written this much; default 256 MiB */
  maxBytes?: number;
}

export interface DataLoaderOutput {
  /** the output file, relative to the notebook's folder */
  path: string;
  cached: boolean;
}

// Kit's own naming of cache files and interpreter commands (not in its package's public exports).
const kitInterpreters = () => import(new URL("./interpreters/index.js", import.meta.resolve("@observablehq/notebook-kit")).href) as Promise<{
  getInterpreterCachePath(sourcePath: string, interpreter: string, format: string | undefined, input: string): Promise<string>;
  getInterpreterCommand(interpreter: string): [string, string[]];
}>;

export async function runDataLoader(run: DataLoaderRun, trust: TrustCheck = TRUSTED_BY_CALLER, { timeoutMs = 120_000, maxBytes = 256 * 1024 * 1024 }: DataLoaderLimits = {}): Promise<DataLoaderOutput> {
  if (!["node", "python", "r"].includes(run.mode)) throw new Error(`unknown data loader "${run.mode}" (node, python and r are)`);
  const notebookFile = await trustedNotebookFile(run.root, run.notebook, trust);
  const folder = dirname(notebookFile);
  const { getInterpreterCachePath } = await kitInterpreters();
  const cacheFile = await getInterpreterCachePath(notebookFile, run.mode, run.format, run.source);
  const path = relative(folder, cacheFile).split(sep).join("/");
  if (!run.refresh && (await isFresh(cacheFile, run.since))) return { path, cached: true };
  await mkdir(dirname(cacheFile), { recursive: true });
  const [command, args] = await commandOf(run.mode, folder);
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    await runInterpreter(command, args, { folder, source: run.source, output: temporary, timeoutMs, maxBytes });
    await rename(temporary, cacheFile);
  } finally {
    await rm(temporary, { force: true }); // a failed run leaves no cache behind
  }
  return { path, cached: false };
}

async function isFresh(file: string, since: Date | undefined): Promise<boolean> {
  try {
    const { mtime } = await stat(file);
    return !since || mtime >= since;
  } catch {
    return false;
  }
}

/** Kit's command; on a Node without TypeScript stripping or the stable permission flag (before 22.6), their older names. */
async function commandOf(mode: string, folder: string): Promise<[string, string[]]> {
  const [command, args] = (await kitInterpreters()).getInterpreterCommand(mode);
  if (mode !== "node") return [command, args];
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major > 22 || (major === 22 && minor >= 6)) return [process.execPath, args];
  return [process.execPath, ["--input-type=module", "--experimental-permission", `--allow-fs-read=${folder}${sep}*`, "--no-warnings"]];
}

interface InterpreterRun {
  folder: string;
  source: string;
  output: string;
  timeoutMs: number;
  maxBytes: number;
}

function runInterpreter(command: string, args: string[], { folder, source, output, timeoutMs, maxBytes }: InterpreterRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: folder, stdio: ["pipe", "pipe", "pipe"] });
    const file = createWriteStream(output);
    let stderr = "";
    let written = 0;
    let stopped: string | undefined;
    const stop = (why: string) => {
      stopped ??= why;
      child.kill("SIGKILL");
    };
    const timer = timeoutMs === Infinity ? undefined : setTimeout(() => stop(`stopped after ${timeoutMs / 1000} s`), timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      written += chunk.length;
      if (written > maxBytes) stop(`stopped: it wrote more than ${Math.round(maxBytes / 1048576)} MiB`);
    });
    child.stdout.pipe(file);
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.stdin.on("error", () => {}); // an interpreter that exits before reading its input
    child.stdin.end(source);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(error.code === "ENOENT" ? `${command} not found: install it to run this data loader` : error.message));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      file.end(() => {
        if (stopped) return reject(new Error(stopped));
        if (code === 0) return resolve();
        reject(new Error(`${command} exited with ${code}${stderr.trim() ? `: ${errorLine(stderr)}` : ""}`));
      });
    });
  });
}

/** The line of an interpreter's stderr that names the error (Node's "Error: …", Python's "ValueError: …"), else its last line. */
function errorLine(stderr: string): string {
  const lines = stderr.trim().split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => /^[\w.]*(Error|Exception)\b/.test(line)) ?? lines.at(-1) ?? "";
}
