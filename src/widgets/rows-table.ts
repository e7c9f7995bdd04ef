// Any array of row objects, or a danfojs DataFrame, as a paged, sortable table (instead of the
// inspector's "Array(344)"): columns in first-seen order, the shape in the caption.
import { h } from "./dom.ts";
import { frame } from "./frame.ts";
import { DataTable, type Column } from "./table.ts";
import type { SlotContext, Widget, WidgetKind } from "./widget.ts";

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

class RowsTableWidget implements Widget {
  readonly kind = "rows";
  readonly element: HTMLElement;
  private readonly caption = h("span", { class: "widget-caption" });
  private readonly table: DataTable<Row>;

  constructor(value: Row[] | DataFrameLike, context: SlotContext) {
    const { rows, columns } = rowsOf(value);
    this.table = new DataTable({ rows, columns: plainColumns(columns, rows) });
    this.element = frame("rows", context.name, [this.caption], this.table.element);
    this.caption.textContent = caption(value, rows.length, columns.length);
  }

  update(value: unknown): void {
    const { rows, columns } = rowsOf(value as Row[] | DataFrameLike);
    this.table.setRows(rows, plainColumns(columns, rows));
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
