// One SQL query in a process of its own, as Notebook Kit's `notebooks query` runs it: in the
// notebook's folder (DuckDB and SQLite read relative file names from there), with Kit's settings and
// connectors, the result written to Kit's cache file. DuckDB never downloads an extension. Reads
// {notebookFile, database, strings, params, cacheFile} as JSON on stdin; a failure is one line on
// stderr and exit status 1. Plain JavaScript: it starts without a compiler.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join } from "node:path";
import { json } from "node:stream/consumers";
import { getDatabase, getDatabaseConfig, getReplacer } from "@observablehq/notebook-kit/databases";

try {
  const { notebookFile, database, strings, params, cacheFile } = await json(process.stdin);
  const folder = dirname(notebookFile);
  process.chdir(folder);
  const config = await configOf(notebookFile, database, folder);
  let run;
  try {
    run = await getDatabase(config);
  } catch (error) {
    throw connectorError(config, error);
  }
  const results = await run(strings, ...params);
  const text = JSON.stringify(results, await getReplacer(config));
  await mkdir(dirname(cacheFile), { recursive: true });
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, cacheFile);
} catch (error) {
  process.stderr.write(`${messageOf(error)}\n`);
  process.exitCode = 1;
}

async function configOf(notebookFile, database, folder) {
  let config;
  try {
    config = await getDatabaseConfig(notebookFile, database);
  } catch (error) {
    if (/database not found/.test(messageOf(error))) {
      throw new Error(`no database named "${database}": configure it in .observable/databases.json beside the notebook (Kit's default names are duckdb, sqlite, postgres, *.duckdb and *.db)`);
    }
    throw new Error(`.observable/databases.json: ${messageOf(error)}`);
  }
  const local = (path) => (typeof path === "string" && path !== ":memory:" && !isAbsolute(path) ? join(folder, path) : path);
  if (config.type === "duckdb") return { ...config, path: local(config.path), options: { autoinstall_known_extensions: "false", ...config.options } };
  if (config.type === "sqlite") return { ...config, path: local(config.path) };
  return config;
}

function connectorError(config, error) {
  const message = messageOf(error);
  if (config.type === "sqlite" && /node:sqlite/.test(message)) return new Error(`SQLite databases need Node 22.5 or later (this is Node ${process.versions.node})`);
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1];
  if (missing) return new Error(`the ${config.type} connector needs the package "${missing}": add it with npm install ${missing}`);
  return error;
}

/** The first of an AggregateError's errors (a refused connection to each address), as Kit shows it. */
function messageOf(error) {
  const first = Array.isArray(error?.errors) && error.errors.length ? error.errors[0] : error;
  return first instanceof Error ? first.message : String(first);
}
