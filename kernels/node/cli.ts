// exemplar: the command line. `exemplar run FILE` runs a notebook headless and prints each cell's
// outcome; `exemplar build FILE -o DIR` exports it as a static site; `exemplar serve` starts the app. Exit codes: 0 every cell fulfilled (or needs
// a browser), 1 a cell failed or never produced a value, 2 a bad file or bad usage.
import { statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { NotebookFileError } from "../../src/notebook/file-error.ts";
import { NODE_BACKENDS, type NodeBackend } from "./tensorflow.ts";
import type { NotebookResult } from "./run.ts";
import { formatTable } from "./table.ts";
import { loopBudgetMsOf, parseLoopBudget } from "../../src/runtime/loop-budget.ts";

const USAGE = `usage:
  exemplar run FILE [--json] [--timeout SECONDS] [--max-memory MB] [--backend wasm|cpu|webgpu] [--no-cache] [--loop-budget SECONDS] [--root DIR]
      run a notebook headless and print each cell: id, names, status, value, milliseconds;
      the files it names (FileAttachment, imports, teach.save/load) must be inside --root
      (default: the notebook's own folder); it runs in a worker thread that is stopped at
      --timeout (default 120) even if a cell never yields, or when the process grows past
      --max-memory (resident size; default 3/4 of memory, at most 4096): the cell running then
      fails, as does a cell calling process.exit();
      each training runs on the backend its model trains fastest on, unless --backend pins one
      (webgpu needs the optional package: npm install webgpu); trained weights are cached in
      .exemplar/cache beside the notebook, and --no-cache retrains; it runs the file it is
      given without asking (the page asks before running a file it has not trusted); a cell that
      runs --loop-budget seconds without yielding is stopped with an error (default 10, 0 never)
  exemplar build FILE -o DIR [--timeout SECONDS]
      write a static site that shows the notebook read-only from any static file host: the page,
      the notebook, the data files its cells name, and its trained weights (the notebook runs
      headless first, on wasm, to fill .exemplar/cache); serve DIR over HTTP (browsers refuse
      module scripts and WebAssembly from file://)
  exemplar serve [--root DIR] [--port PORT] [--host HOST] [--dev]
      start the notebook app (default: ./notebooks on http://127.0.0.1:5173; --port 0 picks a
      free port); a --host other than loopback needs the token printed in the address; --dev
      serves the app's sources with Vite and hot reload, for working on the app itself
exit codes: 0 all cells fulfilled · 1 a cell failed · 2 bad file or usage`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "run":
        return await run(rest);
      case "build": {
        const { build, BuildError } = await import("./build.ts");
        return await build(rest).catch((error: unknown) => {
          throw error instanceof BuildError ? new UsageError(error.message) : error;
        });
      }
      case "serve": {
        const { serve, ServeError } = await import("./serve.ts");
        return await serve(rest).catch((error: unknown) => {
          if (!(error instanceof ServeError)) throw error;
          console.error(`exemplar serve: ${error.message}`);
          return 2;
        });
      }
      case "--help":
      case "-h":
      case "help":
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : "no command given");
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`exemplar: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof NotebookFileError) {
      console.error(`exemplar: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean" }, timeout: { type: "string" }, "max-memory": { type: "string" }, backend: { type: "string" }, "no-cache": { type: "boolean" }, "loop-budget": { type: "string" }, root: { type: "string" } }
  });
  if (positionals.length !== 1) throw new UsageError("run takes exactly one notebook file");
  const timeout = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds, got "${values.timeout}"`);
  const backend = values.backend as NodeBackend | undefined;
  if (backend !== undefined && !NODE_BACKENDS.includes(backend)) throw new UsageError(`--backend must be one of ${NODE_BACKENDS.join(", ")}`);
  const maxMemory = values["max-memory"] === undefined ? undefined : Number(values["max-memory"]);
  if (maxMemory !== undefined && !(Number.isInteger(maxMemory) && maxMemory >= 64)) throw new UsageError(`--max-memory must be a whole number of megabytes, at least 64, got "${values["max-memory"]}"`);
  const budget = values["loop-budget"] === undefined ? undefined : parseLoopBudget(values["loop-budget"]);
  if (budget && "error" in budget) throw new UsageError(`--loop-budget: ${budget.error}`);
  if (values.root !== undefined) checkRoot(values.root, positionals[0]);
  const { runNotebookIsolated } = await import("./watchdog.ts");
  const result = await runNotebookIsolated(positionals[0], { timeoutMs: timeout * 1000, maxMemoryMb: maxMemory, backends: backend ? [backend] : undefined, cache: !values["no-cache"],
    loopBudgetMs: budget && loopBudgetMsOf(budget.seconds), root: values.root
  });
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else printResult(result);
  return result.ok ? 0 : 1;
}

/** --root is a folder that holds the notebook. */
function checkRoot(root: string, file: string): void {
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--root ${root}: no such folder`);
  const inside = relative(resolve(root), resolve(file));
  if (inside.startsWith("..") || resolve(root, inside) !== resolve(file)) throw new UsageError(`the notebook ${file} is not inside --root ${root}`);
}

function printResult(result: NotebookResult): void {
  for (const warning of result.warnings) console.error(`${result.file}:${warning} (warning)`);
  console.log(formatTable(result.cells));
  for (const choice of result.backendChoices) console.log(`training backend: ${choice.summary}`);
  for (const note of result.backendNotes) console.log(note);
  console.log(`backend: ${result.backend ?? "none (no cell used tfjs)"} · ${result.ms} ms${result.timedOut ? " · timed out" : ""}`);
  for (const error of result.strayErrors) console.error(`${result.file}: error outside any cell (a timer or callback a cell set up): ${error}`);
  for (const cell of result.cells) {
    if (cell.status !== "rejected" && cell.status !== "pending") continue;
    const where = cell.error?.line !== undefined ? ` ${cell.error.line}:${cell.error.column}` : "";
    const message = cell.status === "pending" ? "did not finish before the time limit" : cell.error?.message;
    console.error(`${result.file}: cell ${cell.id}${where}: ${message}`);
  }
}
