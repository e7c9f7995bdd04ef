// Kit's DuckDBClient (`DuckDBClient.of({cars: FileAttachment("cars.csv")})`, then `db.sql\`…\``) over
// an engine each kernel provides: @duckdb/node-api headless, the installed @duckdb/duckdb-wasm in the
// page (its worker and wasm served by the app). The logic is Kit's — which source becomes which
// table, `${…}` values as `?` parameters, never spliced — and so are the names; results are plain
// rows (query-results.ts) rather than Arrow tables, so they train a model and show as a table.
// A client lives as long as the cell run that made it: it is closed when that cell re-runs.
import { runScoped, type RunOwner } from "../cell-runs.ts";
import { asRows, normalizeRows, type ColumnSchema, type Rows } from "./query-results.ts";

/** What a kernel's DuckDB does; every statement's text is DuckDB SQL, values are parameters. */
export interface DuckDBEngine {
  query(sql: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[]; schema: ColumnSchema[] }>;
  /** makes table (or view) `name` from a file: CSV, TSV, JSON, Arrow, Parquet, or a DuckDB/SQLite database to attach */
  insertFile(name: string, file: FileSource, options: Record<string, unknown>): Promise<void>;
  insertRows(name: string, rows: Record<string, unknown>[]): Promise<void>;
  close(): void;
}

/** A FileAttachment, as DuckDB sources see it. */
export interface FileSource {
  name: string;
  mimeType: string;
  diskPath?: string;
  url(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The DuckDBClient builtin: run-scoped (cell-runs.ts), so each cell run's clients close when that run is invalidated. */
export function duckDBClientBuiltin(openEngine: () => Promise<DuckDBEngine>) {
  return runScoped((owner) => createDuckDBClientClass(openEngine, owner));
}

/** Kit's DuckDBClient class; the clients `of` makes belong to `owner` (outside a cell run, to the caller). */
export function createDuckDBClientClass(openEngine: () => Promise<DuckDBEngine>, owner: RunOwner = { own() {} }) {
  class DuckDBClient {
    readonly #engine: DuckDBEngine;
    constructor(engine: DuckDBEngine) {
      this.#engine = engine;
    }

    /** A client with a table for each source; closed when the cell that made it runs again. */
    static of(sources: Record<string, unknown> = {}, _config: Record<string, unknown> = {}): Promise<DuckDBClient> {
      let engine: DuckDBEngine | undefined;
      let released = false;
      owner.own(() => {
        released = true;
        engine?.close();
      });
      return (async () => {
        engine = await openEngine();
        if (released) engine.close();
        try {
          for (const [name, source] of Object.entries(sources)) await insertSource(engine, name, await source);
        } catch (error) {
          engine.close();
          throw error;
        }
        return new DuckDBClient(engine);
      })();
    }

    static sql(sources?: Record<string, unknown>, config?: Record<string, unknown>) {
      return DuckDBClient.of(sources, config).then((db) => db.sql.bind(db));
    }

    async query(query: string, params: unknown[] = []): Promise<Rows> {
      const { rows, schema } = await this.#engine.query(query, params.map(asParameter));
      return asRows(normalizeRows(rows, schema), schema);
    }

    async queryRow(query: string, params?: unknown[]): Promise<Record<string, unknown> | null> {
      return (await this.query(query, params))[0] ?? null;
    }

    /** Rows one batch at a time, as Kit's queryStream: here the whole result is one batch. */
    async queryStream(query: string, params?: unknown[]) {
      const rows = await this.query(query, params);
      return {
        schema: rows.schema,
        async *readRows() {
          yield rows;
        }
      };
    }

    /** The tagged template of SQL cells: each `${…}` a parameter. */
    sql(strings: TemplateStringsArray | string[], ...params: unknown[]): Promise<Rows> {
      return this.query(Array.from(strings).join("?"), params);
    }

    queryTag(strings: TemplateStringsArray | string[], ...params: unknown[]): [string, unknown[]] {
      return [Array.from(strings).join("?"), params];
    }

    /** Frees the database now (a client is otherwise closed when the cell that made it runs again). */
    close(): void {
      this.#engine.close();
    }

    escape(name: string): string {
      return `"${String(name).replace(/"/g, '""')}"`;
    }

    async describeTables(): Promise<{ name: string }[]> {
      return (await this.query("SHOW TABLES")).map(({ name }) => ({ name: String(name) }));
    }

    async describeColumns({ table }: { table: string }) {
      return (await this.query(`DESCRIBE ${this.escape(table)}`)).map((row) => ({
        name: row.column_name,
        type: row.column_type,
        nullable: row.null !== "NO",
        databaseType: row.column_type
      }));
    }
  }
  Object.defineProperty(DuckDBClient.prototype, "dialect", { value: "duckdb" });
  return DuckDBClient;
}

/** Which source becomes which table, as Kit decides. */
async function insertSource(engine: DuckDBEngine, name: string, source: unknown): Promise<void> {
  if (isFile(source)) return engine.insertFile(name, source, {});
  if (isArrowTable(source)) return engine.insertRows(name, arrowRows(source));
  if (Array.isArray(source)) return engine.insertRows(name, source as Record<string, unknown>[]);
  if (typeof source === "string") {
    await engine.query(`CREATE VIEW ${quote(name)} AS FROM ${literal(source)}`, []);
    return;
  }
  if (source && typeof source === "object") {
    if ("data" in source) {
      const { data } = source as { data: unknown };
      return engine.insertRows(name, isArrowTable(data) ? arrowRows(data) : (data as Record<string, unknown>[]));
    }
    if ("file" in source) {
      const { file, ...options } = source as { file: unknown };
      if (isFile(file)) return engine.insertFile(name, file, options);
    }
  }
  throw new Error(`DuckDBClient.of: "${name}" is not a source DuckDB can read (a FileAttachment, an array of rows, an Arrow table or a URL)`);
}

/** Dates as ISO text and bigints as numbers: values every DuckDB binding takes as parameters. */
function asParameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function isFile(value: unknown): value is FileSource {
  const file = value as FileSource | null;
  return !!file && typeof file.name === "string" && typeof file.url === "function" && typeof file.arrayBuffer === "function";
}

interface ArrowTable {
  toArray(): { toJSON?(): Record<string, unknown> }[];
  getChild(name: string): unknown;
  schema: { fields: unknown[] };
}

function isArrowTable(value: unknown): value is ArrowTable {
  const table = value as ArrowTable | null;
  return !!table && typeof table.getChild === "function" && typeof table.toArray === "function" && Array.isArray(table.schema?.fields);
}

function arrowRows(table: ArrowTable): Record<string, unknown>[] {
  return table.toArray().map((row) => (row.toJSON ? row.toJSON() : (row as Record<string, unknown>)));
}
