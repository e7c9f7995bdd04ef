// DuckDB headless for DuckDBClient (src/runtime/stdlib/duckdb-client.ts): @duckdb/node-api, in
// memory, reading a FileAttachment straight from disk (Parquet in place: a large file is scanned,
// not loaded). Extensions are never downloaded; Parquet and JSON are built in.
import { randomUUID } from "node:crypto";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { duckDBClientBuiltin, literal, quote, type DuckDBEngine, type FileSource } from "../../src/runtime/stdlib/duckdb-client.ts";
import { columnTypeOf } from "../../src/runtime/stdlib/query-results.ts";

export function createNodeDuckDBClient() {
  return duckDBClientBuiltin(openNodeEngine);
}

const LARGE_FILE_BYTES = 50e6; // as Kit: smaller Parquet files become tables, larger ones views

async function openNodeEngine(): Promise<DuckDBEngine> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false" });
  const connection = await instance.connect();
  const run = async (sql: string, params: unknown[] = []) => {
    const result = await connection.run(sql, params.length ? (params as never) : undefined);
    const types = result.columnTypes();
    const schema = result.columnNames().map((name, i) => ({ name, type: columnTypeOf(types[i].toString()) }));
    return { rows: (await result.getRowObjectsJson()) as Record<string, unknown>[], schema };
  };
  const engine: DuckDBEngine = {
    query: run,
    async insertFile(name, file, options) {
      const path = diskPathOf(file);
      const table = quote(name);
      const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
      const extra = Object.entries(options).map(([key, value]) => `, ${key} = ${typeof value === "string" ? literal(value) : JSON.stringify(value)}`).join("");
      switch (extension) {
        case "csv":
        case "tsv":
          await run(`CREATE TABLE ${table} AS SELECT * FROM read_csv_auto(${literal(path)}${extra})`);
          return;
        case "json":
          await run(`CREATE TABLE ${table} AS SELECT * FROM read_json_auto(${literal(path)}${extra})`);
          return;
        case "parquet": {
          const { size } = await stat(path);
          await run(`CREATE ${size < LARGE_FILE_BYTES ? "TABLE" : "VIEW"} ${table} AS SELECT * FROM read_parquet(${literal(path)})`);
          return;
        }
        case "arrow": {
          const { tableFromIPC } = await import("apache-arrow");
          const rows = tableFromIPC(new Uint8Array(await readFile(path))).toArray().map((row) => row.toJSON());
          return engine.insertRows(name, rows);
        }
        case "db":
        case "ddb":
        case "duckdb":
          await run(`ATTACH ${literal(path)} AS ${table} (READ_ONLY)`);
          return;
      }
      throw new Error(`DuckDBClient.of: ${file.name} is not a file DuckDB reads (CSV, TSV, JSON, Arrow, Parquet or a DuckDB database)`);
    },
    async insertRows(name, rows) {
      // DuckDB's JSON reader infers the columns as it does for a file.
      const file = join(tmpdir(), `exemplar-rows-${randomUUID()}.json`);
      await writeFile(file, JSON.stringify(rows));
      try {
        await run(`CREATE TABLE ${quote(name)} AS SELECT * FROM read_json_auto(${literal(file)}, format = 'array')`);
      } finally {
        await rm(file, { force: true });
      }
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
  return engine;
}

function diskPathOf(file: FileSource): string {
  if (!file.diskPath) throw new Error(`DuckDBClient.of: ${file.name} is not a file on this machine`);
  return file.diskPath;
}
