// DuckDB in the page for DuckDBClient (src/runtime/stdlib/duckdb-client.ts): the installed
// @duckdb/duckdb-wasm, its worker and wasm served by the app itself (never a CDN), one worker per
// client, terminated when the cell that made it runs again. A FileAttachment is read over HTTP from
// the file API. Extensions are never downloaded; the one for Parquet is not in the package, so
// Parquet files are decoded by hyparquet, which reads them by byte ranges.
import * as duckdb from "@duckdb/duckdb-wasm";
import ehWorker from "@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url";
import ehWasm from "@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url";
import mvpWorker from "@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url";
import mvpWasm from "@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url";
import { duckDBClientBuiltin, literal, quote, type DuckDBEngine, type FileSource } from "../../src/runtime/stdlib/duckdb-client.ts";
import { columnTypeOf } from "../../src/runtime/stdlib/query-results.ts";

export function createPageDuckDBClient() {
  return duckDBClientBuiltin(openPageEngine);
}

async function openPageEngine(): Promise<DuckDBEngine> {
  const base = document.baseURI;
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: new URL(mvpWasm, base).href, mainWorker: new URL(mvpWorker, base).href },
    eh: { mainModule: new URL(ehWasm, base).href, mainWorker: new URL(ehWorker, base).href }
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  await db.open({
    query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true },
    filesystem: { forceFullHTTPReads: false }
  });
  const connection = await db.connect();
  await connection.query("SET autoinstall_known_extensions = false; SET autoload_known_extensions = false");
  const registered = new Set<string>();
  const run = async (sql: string, params: unknown[] = []) => {
    let table;
    if (params.length) {
      const statement = await connection.prepare(sql);
      try {
        table = await statement.query(...params);
      } finally {
        await statement.close();
      }
    } else table = await connection.query(sql);
    const schema = table.schema.fields.map((field) => ({ name: field.name, type: columnTypeOf(arrowTypeName(String(field.type))) }));
    return { rows: table.toArray().map((row) => row.toJSON() as Record<string, unknown>), schema };
  };
  const insertRows = async (name: string, rows: Record<string, unknown>[]) => {
    const { tableFromJSON, tableToIPC } = await import("apache-arrow");
    await connection.insertArrowFromIPCStream(tableToIPC(tableFromJSON(rows), "stream"), { name, schema: "main", create: true });
  };
  return {
    query: run,
    insertRows,
    async insertFile(name, file, options) {
      const url = new URL(await file.url(), location.href).href;
      const key = file.name;
      if (!registered.has(key)) {
        await db.registerFileURL(key, url, duckdb.DuckDBDataProtocol.HTTP, false);
        registered.add(key);
      }
      const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
      switch (extension) {
        case "csv":
        case "tsv":
          await connection.insertCSVFromPath(key, { name, schema: "main", detect: true, ...options });
          return;
        case "json":
          await connection.insertJSONFromPath(key, { name, schema: "main", ...options });
          return;
        case "arrow":
          await connection.insertArrowFromIPCStream(new Uint8Array(await file.arrayBuffer()), { name, schema: "main", create: true });
          return;
        case "parquet": {
          // duckdb-wasm's Parquet reader is an extension it would download; hyparquet reads the
          // file here instead, footer and column chunks by byte range from the file API.
          const { asyncBufferFromUrl, parquetReadObjects } = await import("hyparquet");
          return insertRows(name, (await parquetReadObjects({ file: await asyncBufferFromUrl({ url }) })) as Record<string, unknown>[]);
        }
        case "db":
        case "ddb":
        case "duckdb":
          await run(`ATTACH ${literal(key)} AS ${quote(name)} (READ_ONLY)`);
          return;
      }
      throw unreadable(file);
    },
    close() {
      void connection.close().finally(() => db.terminate());
    }
  };
}

/** Arrow's type names as DuckDB's ("Float64" → DOUBLE, "Timestamp<MILLISECOND>" → TIMESTAMP). */
function arrowTypeName(type: string): string {
  if (/^Float/.test(type)) return "DOUBLE";
  if (/^Int64|^Uint64/.test(type)) return "BIGINT";
  if (/^U?Int/.test(type)) return "INTEGER";
  if (/^Date|^Timestamp/.test(type)) return "TIMESTAMP";
  if (/^Bool/.test(type)) return "BOOLEAN";
  if (/^Utf8|^LargeUtf8/.test(type)) return "VARCHAR";
  if (/^Decimal/.test(type)) return "DECIMAL";
  if (/^List/.test(type)) return "LIST";
  if (/^Struct/.test(type)) return "STRUCT";
  return type;
}

function unreadable(file: FileSource): Error {
  return new Error(`DuckDBClient.of: ${file.name} is not a file DuckDB reads (CSV, TSV, JSON, Arrow, Parquet or a DuckDB database)`);
}
