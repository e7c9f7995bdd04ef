// Rows read from a CSV file beside the notebook, as a table whose edits change that file: a field
// edit rewrites its one record, a delete removes it, an add appends one — saved through the file
// API over the version read, every other byte kept — and the cell that reads the file runs again.
import { h } from "./dom.ts";
import { applyCsvEdit, type CsvEdit } from "../notebook/csv-source.ts";
import { csvFileOf, replaceCsvField } from "./csv-cell.ts";
import { frame, messageLine } from "./frame.ts";
import { inlineEdit } from "./inline-edit.ts";
import { formatValue } from "./format.ts";
import { columnsOf, isRowArray, plainColumns, type Row } from "./rows-table.ts";
import { DataTable, type Column } from "./table.ts";
import type { SlotContext, Widget, WidgetKind } from "./widget.ts";

class CsvTableWidget implements Widget {
  readonly kind = "csv";
  readonly element: HTMLElement;
  private readonly caption = h("span", { class: "widget-caption" });
  private readonly message = messageLine();
  private readonly table: DataTable<Row>;
  private readonly addForm = h("form", { class: "add-example" });
  private context: SlotContext;
  private file: string;
  private columns: string[] = [];

  constructor(rows: Row[], context: SlotContext) {
    this.context = context;
    this.file = csvFileOf(context.source, context.name!)!;
    this.table = new DataTable<Row>({ rows: [], columns: [] });
    this.addForm.addEventListener("submit", (event) => this.submitAdd(event));
    this.addForm.addEventListener("keydown", (event) => event.stopPropagation());
    this.element = frame("csv", context.name, [this.caption], this.message.element, this.table.element, this.addForm);
    this.update(rows, context);
  }

  update(value: unknown, context: SlotContext): void {
    const rows = value as Row[];
    this.context = context;
    this.file = csvFileOf(context.source, context.name!)!;
    const columns = columnsOf(rows);
    const changedColumns = columns.join("\n") !== this.columns.join("\n");
    this.columns = columns;
    this.table.setRows(rows, this.tableColumns(rows));
    this.caption.textContent = `${rows.length.toLocaleString("en")} rows × ${columns.length} columns · edits change ${this.file}`;
    if (changedColumns) this.renderAddForm();
  }

  private tableColumns(rows: Row[]): Column<Row>[] {
    const editable = plainColumns(this.columns, rows).map((column) => ({
      ...column,
      render: (row: Row, index: number, cell: HTMLTableCellElement) =>
        inlineEdit(cell, {
          text: row[column.key] == null ? "" : formatValue(row[column.key]),
          label: `${column.key} of row ${index + 1}`,
          commit: (text) => this.change((csv) => replaceCsvField(csv, index, column.key, text))
        })
    }));
    const remove: Column<Row> = {
      key: "actions",
      label: "",
      sortable: false,
      value: () => "",
      render: (_row, index, cell) => cell.append(h("button", { type: "button", class: "delete-row", title: `Delete row ${index + 1} from ${this.file}`, "aria-label": "Delete this row", onclick: () => this.apply({ kind: "delete", index }) }, "✕"))
    };
    return [...editable, remove];
  }

  private renderAddForm(): void {
    const fields = this.columns.map((column) => h("input", { type: "text", name: column, placeholder: column, "aria-label": `New row's ${column}` }));
    this.addForm.replaceChildren(...fields, h("button", { type: "submit" }, "Add row"));
  }

  private submitAdd(event: Event): void {
    event.preventDefault();
    const fields = Array.from(this.addForm.querySelectorAll("input"));
    const row = Object.fromEntries(fields.map((field) => [field.name, field.value]));
    this.apply({ kind: "add", row });
    for (const field of fields) field.value = "";
  }

  private apply(edit: CsvEdit): void {
    this.change((text) => applyCsvEdit(text, edit));
  }

  private change(change: (text: string) => string): void {
    this.message.clear();
    this.context.host.editFile(this.context.host.resolvePath(this.file), change, this.context.cellId).catch((error) => this.message.show((error as Error).message));
  }
}

export const csvTableKind: WidgetKind = {
  name: "csv",
  matches: (value, context) => !!context.name && isRowArray(value) && csvFileOf(context.source, context.name) !== undefined,
  create: (value, context) => new CsvTableWidget(value as Row[], context)
};
