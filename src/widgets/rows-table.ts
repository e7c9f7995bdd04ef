// Any array of row objects, or a danfojs DataFrame, as a paged, sortable table (instead of the
// inspector's "Array(344)"): columns in first-seen order, the shape in the caption. Rows that are
// examples ({input, output, …}) show their input as itself (a picture, its named columns, a link
// to the row it came from), and a `predicted` beside the output as right or wrong.
import { originOf } from "../teach/origin.ts";
import { h } from "./dom.ts";
import { inputColumns, predictionColumn, sourceColumns, type ExampleLike } from "./example-parts.ts";
import { frame } from "./frame.ts";
import { sameValue } from "./same-value.ts";
import { DataTable, type Column } from "./table.ts";
import type { SlotContext, Widget, WidgetHost, WidgetKind } from "./widget.ts";

export type Row = Record<string, unknown>;

interface DataFrameLike {
  columns: string[];
  values: unknown[][];
  shape: number[];
}

export function isDataFrame(value: unknown): value is DataFrameLike {
  const candidate = value as Partial<DataFrameLike> & { $data?: unknown };
  return !!candidate && typeof candidate === "object" && Array.isArray(candidate.columns) && Array.isArray(candidate.shape) && "$data" in candidate;
}

/** A plain object (not an element, a tensor or a class instance). */
export function isPlainRow(value: unknown): value is Row {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function isRowArray(value: unknown): value is Row[] {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainRow) && Object.keys(value[0]).length > 0;
}

/** Column names in first-seen order over (up to) the first thousand rows. */
export function columnsOf(rows: Row[]): string[] {
  const names = new Set<string>();
  for (const row of rows.slice(0, 1000)) for (const key of Object.keys(row)) names.add(key);
  return [...names];
}

export function rowsOf(value: Row[] | DataFrameLike): { rows: Row[]; columns: string[] } {
  if (!isDataFrame(value)) return { rows: value, columns: columnsOf(value) };
  const columns = value.columns;
  const rows = value.values.map((values) => Object.fromEntries(columns.map((column, k) => [column, (values as unknown[])[k]])));
  return { rows, columns };
}

export function plainColumns(names: string[], rows: Row[]): Column<Row>[] {
  return names.map((name) => ({ key: name, label: name, value: (row: Row) => row[name], numeric: rows.slice(0, 50).every((row) => row[name] == null || typeof row[name] === "number") }));
}

/** The columns of rows that are examples: the input as itself, `predicted` marked against the output, where each came from. */
export function exampleRowColumns(names: string[], rows: Row[], host: WidgetHost): Column<Row>[] {
  const example = (row: Row): ExampleLike => ({ input: row.input, expected: row.output, origin: originOf(row) });
  const columns = plainColumns(names, rows).flatMap((column) => {
    if (column.key === "input") return inputColumns(rows, example);
    if (column.key === "predicted" && names.includes("output")) return [{ ...predictionColumn((row: Row) => ({ predicted: row.predicted, correct: sameValue(row.predicted, row.output) })), key: "predicted" }];
    return [column];
  });
  columns.push(...sourceColumns(host, rows, example, (row) => `expected ${String(row.output)}`));
  return columns;
}

function isExampleRows(rows: Row[], names: string[]): boolean {
  return names.includes("input") && names.includes("output") && rows.slice(0, 50).every((row) => "input" in row && "output" in row);
}

class RowsTableWidget implements Widget {
  readonly kind = "rows";
  readonly element: HTMLElement;
  private readonly caption = h("span", { class: "widget-caption" });
  private readonly table: DataTable<Row>;

  constructor(value: Row[] | DataFrameLike, context: SlotContext) {
    this.table = new DataTable<Row>({ rows: [], columns: [] });
    this.element = frame("rows", context.name, [this.caption], this.table.element);
    this.update(value, context);
  }

  update(value: unknown, context: SlotContext): void {
    const { rows, columns } = rowsOf(value as Row[] | DataFrameLike);
    this.table.setRows(rows, isExampleRows(rows, columns) ? exampleRowColumns(columns, rows, context.host) : plainColumns(columns, rows));
    this.caption.textContent = caption(value as Row[] | DataFrameLike, rows.length, columns.length);
  }
}

function caption(value: Row[] | DataFrameLike, rows: number, columns: number): string {
  return `${isDataFrame(value) ? "DataFrame · " : ""}${rows.toLocaleString("en")} rows × ${columns} columns`;
}

export const rowsTableKind: WidgetKind = {
  name: "rows",
  matches: (value) => isDataFrame(value) || isRowArray(value),
  create: (value, context) => new RowsTableWidget(value as Row[] | DataFrameLike, context)
};
