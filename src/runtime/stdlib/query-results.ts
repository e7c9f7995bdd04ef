// What a query gives a notebook: plain row objects (so `teach.examplesFrom(rows, …)` trains on a
// query and the page shows them as a table), with Kit's `schema` and `date` beside them. Results
// travel as JSON (Kit's cache files, the app's SQL route), so bigints and dates are revived here
// exactly as Kit's DatabaseClient.revive does.

export interface ColumnSchema {
  name: string;
  type: "boolean" | "integer" | "bigint" | "number" | "date" | "string" | "buffer" | "array" | "object" | "other";
}

export interface QueryResults {
  rows: Record<string, unknown>[];
  schema: ColumnSchema[];
  duration?: number;
  date?: string | Date;
}

export type Rows = Record<string, unknown>[] & { schema: ColumnSchema[]; date?: Date };

/** Kit's revive: bigint columns become numbers and date columns Dates; the rows carry schema and date. */
export function reviveResults({ rows, schema, date, duration }: QueryResults): Rows {
  const revived = asRows(normalizeRows(rows, schema), schema, date == null ? undefined : new Date(date));
  // Kit puts `duration` on the rows too; here it is not enumerable, so the rows stay plain rows.
  if (duration !== undefined) Object.defineProperty(revived, "duration", { value: duration, configurable: true });
  return revived;
}

/** Numbers sent as text (bigints, decimals) become numbers, dates Dates: what a notebook computes with. */
export function normalizeRows(rows: Record<string, unknown>[], schema: ColumnSchema[]): Record<string, unknown>[] {
  for (const column of schema) {
    const numeric = column.type === "bigint" || column.type === "number" || column.type === "integer";
    if (!numeric && column.type !== "date") continue;
    for (const row of rows) {
      const value = row[column.name];
      if (value == null) continue;
      if (numeric) row[column.name] = typeof value === "number" ? value : Number(value);
      else row[column.name] = asDate(value);
    }
  }
  return rows;
}

/** Rows with their schema; `toArray()` for code written against Kit's Arrow results. */
export function asRows(rows: Record<string, unknown>[], schema: ColumnSchema[], date?: Date): Rows {
  Object.defineProperties(rows, {
    schema: { value: schema, configurable: true },
    toArray: { value: () => rows.slice(), configurable: true },
    numRows: { get: () => rows.length, configurable: true }
  });
  if (date) Object.defineProperty(rows, "date", { value: date, configurable: true });
  return rows as Rows;
}

function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value);
  const text = String(value);
  return new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?$/.test(text) ? `${text}Z` : text);
}

/** A database's column type as Kit names it (DuckDB's type names). */
export function columnTypeOf(databaseType: string): ColumnSchema["type"] {
  const type = databaseType.toUpperCase();
  if (/^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|INT8|LONG)$/.test(type)) return "bigint";
  if (/^(DOUBLE|REAL|FLOAT|FLOAT4|FLOAT8)$/.test(type) || /^DECIMAL/.test(type)) return "number";
  if (/^(INTEGER|SMALLINT|TINYINT|USMALLINT|UINTEGER|UTINYINT|INT|INT4|INT2|INT1)$/.test(type)) return "integer";
  if (type === "BOOLEAN") return "boolean";
  if (/^(DATE|TIMESTAMP)/.test(type)) return "date";
  if (/^(VARCHAR|UUID|TIME|TEXT)/.test(type)) return "string";
  if (type === "BLOB") return "buffer";
  if (/\[\]$/.test(type) || /^LIST/.test(type)) return "array";
  if (/^(STRUCT|MAP|JSON)/.test(type)) return "object";
  return "other";
}
