// An examples cell shown as an editable table: one row per example of its value, each mapped to
// the source line it came from. Rows written in the cell edit in place (input, output), relabel
// and delete; rows from code (a spread like ...teach.spiral()) show read-only. Every edit is a
// source edit of exactly the affected line, made through the host (one undoable edit, then a run).
import { h } from "./dom.ts";
import { rowsOfValues, type ExampleEdit, type ExampleRow } from "../notebook/examples-source.ts";
import type { Example } from "../teach/examples.ts";
import { cellTextOf, readCellText } from "./cell-text.ts";
import { formatValue } from "./format.ts";
import { badge, frame, messageLine } from "./frame.ts";
import { examplesParse } from "./host-parts.ts";
import { inlineEdit } from "./inline-edit.ts";
import { DataTable, type Column } from "./table.ts";
import { looksLikeStrokes, strokeThumbnail } from "./thumbnail.ts";
import type { ExamplesTableView, SlotContext, Widget, WidgetKind } from "./widget.ts";

interface ValueRow {
  example: Example;
  /** the source row (array element) it came from, when known */
  row?: number;
  source?: ExampleRow;
}

class ExamplesTableWidget implements Widget, ExamplesTableView {
  readonly kind = "examples";
  readonly element: HTMLElement;
  private readonly caption = h("span", { class: "widget-caption" });
  private readonly message = messageLine();
  private readonly table: DataTable<ValueRow>;
  private readonly addForm: HTMLFormElement;
  private context: SlotContext;
  private values: Example[] = [];
  private unregister: () => void;

  constructor(values: Example[], context: SlotContext) {
    this.context = context;
    this.table = new DataTable<ValueRow>({ rows: [], columns: this.columns(), rowAttributes: (row) => ({ "data-readonly": row.source?.kind !== "literal" }) });
    this.addForm = this.addRowForm();
    this.element = frame("examples", context.name, [this.caption], this.message.element, this.table.element, this.addForm);
    this.unregister = context.host.registerTable(context.cellId, this);
    this.update(values, context);
  }

  update(value: unknown, context: SlotContext): void {
    const values = value as Example[];
    const grew = values.length > this.values.length && this.values.length > 0;
    const before = this.values.length;
    this.context = context;
    this.values = values;
    const parse = examplesParse(context.source);
    const rows = parse.ok ? parse.table.rows : [];
    const mapping = parse.ok ? rowsOfValues(parse.table, values.length) : [];
    this.table.setRows(values.map((example, index) => ({ example, row: mapping[index], source: mapping[index] === undefined ? undefined : rows[mapping[index]!] })));
    const written = rows.filter((row) => row.kind === "literal").length;
    this.caption.textContent = `${values.length} examples${written < values.length ? ` · ${written} written here, ${values.length - written} from code` : ""}`;
    if (this.table.filtered && values.length !== before) this.table.setFilter(undefined);
    const sample = values[values.length - 1];
    const hint = (value: unknown) => (sample ? `, e.g. ${cellTextOf(value).slice(0, 16)}` : "");
    this.addForm.querySelector<HTMLInputElement>("[name=input]")!.placeholder = `input${hint(sample?.input)}`;
    this.addForm.querySelector<HTMLInputElement>("[name=output]")!.placeholder = `output${hint(sample?.output)}`;
    if (grew) this.table.reveal(values.length - 1, Array.from({ length: values.length - before }, (_, k) => before + k));
  }

  select(indices: number[], description: string): void {
    const note = h("span", {}, `${description} · `, h("button", { type: "button", class: "link", onclick: () => this.table.setFilter(undefined) }, "Show all"));
    this.table.setFilter(indices, note);
  }

  dispose(): void {
    this.unregister();
  }

  private labels(): string[] {
    return [...new Set(this.values.map((example) => example.output))].filter((label) => typeof label !== "object").map(String).slice(0, 50);
  }

  private edit(edit: ExampleEdit): void {
    this.message.clear();
    try {
      this.context.host.editExamples(this.context.cellId, this.context.source, edit);
    } catch (error) {
      this.message.show((error as Error).message);
    }
  }

  private read(text: string, like: unknown): unknown {
    try {
      return readCellText(text, like);
    } catch (error) {
      this.message.show(`${(error as Error).message}`);
      return undefined;
    }
  }

  private columns(): Column<ValueRow>[] {
    const editable = (key: "input" | "output") => (row: ValueRow, index: number, cell: HTMLTableCellElement) => {
      const value = row.example[key];
      const display = key === "input" && looksLikeStrokes(value) ? (strokeThumbnail(value) ?? formatValue(value)) : formatValue(value);
      if (row.source?.kind !== "literal" || row.row === undefined) return void cell.append(display);
      inlineEdit(cell, {
        text: cellTextOf(value),
        display,
        label: `${key} of example ${index + 1}`,
        suggestions: key === "output" ? this.labels() : undefined,
        commit: (text) => {
          const read = this.read(text, value);
          if (read !== undefined) this.edit({ kind: "update", row: row.row!, [key]: read });
        }
      });
    };
    return [
      { key: "index", label: "#", value: (_row, index) => index + 1, numeric: true },
      { key: "input", label: "input", value: (row) => row.example.input, render: editable("input") },
      { key: "output", label: "output", value: (row) => row.example.output, render: editable("output") },
      {
        key: "line",
        label: "source",
        // Sorting by source brings the rows written in the cell first, in line order.
        value: (row) => (row.source?.kind === "literal" ? row.source.line : Infinity),
        render: (row, _index, cell) => {
          if (!row.source) return;
          if (row.source.kind === "literal") cell.append(h("span", { class: "muted" }, `line ${row.source.line}`));
          else cell.append(badge("from code", "code", row.source.source));
        }
      },
      {
        key: "actions",
        label: "",
        sortable: false,
        value: () => "",
        render: (row, index, cell) => {
          if (row.source?.kind !== "literal" || row.row === undefined) return;
          cell.append(h("button", { type: "button", class: "delete-row", title: `Delete example ${index + 1} (line ${row.source.line})`, "aria-label": "Delete this example", onclick: () => this.edit({ kind: "delete", row: row.row! }) }, "✕"));
        }
      }
    ];
  }

  private addRowForm(): HTMLFormElement {
    const input = h("input", { type: "text", name: "input", "aria-label": "New example's input" });
    const output = h("input", { type: "text", name: "output", "aria-label": "New example's output" });
    const form = h("form", { class: "add-example" }, input, output, h("button", { type: "submit" }, "Add example"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const sample = this.values[this.values.length - 1];
      const inputValue = this.read(input.value, sample?.input);
      const outputValue = this.read(output.value, sample?.output);
      if (inputValue === undefined || outputValue === undefined) return;
      this.edit({ kind: "add", input: inputValue, output: outputValue });
      input.value = "";
      input.focus();
    });
    form.addEventListener("keydown", (event) => event.stopPropagation());
    return form;
  }
}

export const examplesTableKind: WidgetKind = {
  name: "examples",
  matches(value, context) {
    if (!context.name || !Array.isArray(value)) return false;
    const parse = examplesParse(context.source);
    return parse.ok && parse.table.name === context.name;
  },
  create: (value, context) => new ExamplesTableWidget(value as Example[], context)
};
