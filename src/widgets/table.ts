// A paged, sortable HTML table: the one table every widget uses (rows of any array or DataFrame,
// examples, mistakes, disagreements). Rows are addressed by their index in the array given, so a
// filter ("the examples behind this confusion cell") and a sort can be combined.
import { h } from "./dom.ts";
import { compareValues, formatValue, isMissing } from "./format.ts";

export interface Column<R> {
  key: string;
  label: string;
  /** the value shown and sorted by */
  value(row: R, index: number): unknown;
  /** fills the cell instead of the formatted value */
  render?(row: R, index: number, cell: HTMLTableCellElement): void;
  sortable?: boolean;
  numeric?: boolean;
}

export interface DataTableOptions<R> {
  columns: Column<R>[];
  rows: R[];
  pageSize?: number;
  /** attributes and classes per row (e.g. read-only rows) */
  rowAttributes?(row: R, index: number): Record<string, string | boolean | undefined>;
  onRowClick?(row: R, index: number, event: MouseEvent): void;
}

type Sort = { key: string; descending: boolean };

export class DataTable<R> {
  readonly element: HTMLElement;
  private readonly table = h("table", { class: "data-table" });
  private readonly pager = h("div", { class: "table-pager" });
  private readonly note = h("div", { class: "table-note", role: "status" });
  private columns: Column<R>[];
  private rows: R[];
  private filter?: number[];
  private sort?: Sort;
  /** the first shown position: the last window is always full, so the table keeps its height */
  private start = 0;
  private readonly pageSize: number;
  private highlighted = new Set<number>();

  constructor(private readonly options: DataTableOptions<R>) {
    this.columns = options.columns;
    this.rows = options.rows;
    this.pageSize = options.pageSize ?? 10;
    this.element = h("div", { class: "data-table-wrap" }, this.note, h("div", { class: "data-table-scroll" }, this.table), this.pager);
    this.table.addEventListener("click", (event) => {
      const row = (event.target as Element).closest<HTMLElement>("tr[data-row]");
      if (row && this.options.onRowClick) this.options.onRowClick(this.rows[Number(row.dataset.row)], Number(row.dataset.row), event);
    });
    this.render();
  }

  /** The rows in display order (filtered and sorted), as indices. */
  get order(): number[] {
    const indices = this.filter ?? this.rows.map((_, index) => index);
    const sort = this.sort;
    const column = sort && this.columns.find((candidate) => candidate.key === sort.key);
    if (!sort || !column) return indices;
    const direction = sort.descending ? -1 : 1;
    const values = new Map(indices.map((index) => [index, column.value(this.rows[index], index)]));
    // Missing values go last either way; ties keep the given order.
    return [...indices].sort((a, b) => {
      const [x, y] = [values.get(a), values.get(b)];
      if (isMissing(x) || isMissing(y)) return Number(isMissing(x)) - Number(isMissing(y)) || a - b;
      return direction * compareValues(x, y) || a - b;
    });
  }

  get rowCount(): number {
    return this.rows.length;
  }

  /** New rows (and columns): the sort stays, the page stays where it still exists. */
  setRows(rows: R[], columns: Column<R>[] = this.columns): void {
    this.rows = rows;
    this.columns = columns;
    if (this.filter) this.filter = this.filter.filter((index) => index < rows.length);
    this.render();
  }

  /** Shows only these rows (undefined: all), with a note saying which, and goes to the first page. */
  setFilter(indices: number[] | undefined, note?: Node | string): void {
    this.filter = indices?.filter((index) => index >= 0 && index < this.rows.length);
    this.note.replaceChildren(...(note ? [note] : []));
    this.start = 0;
    this.render();
  }

  get filtered(): boolean {
    return this.filter !== undefined;
  }

  /** Shows this row (at the bottom, if it was not shown) and marks the rows (e.g. the ones just added). */
  reveal(index: number, highlight: number[] = [index]): void {
    const position = this.order.indexOf(index);
    if (position >= 0 && (position < this.start || position >= this.start + this.pageSize)) this.start = position - this.pageSize + 1;
    this.highlighted = new Set(highlight);
    this.render();
  }

  render(): void {
    const order = this.order;
    const lastStart = Math.max(0, order.length - this.pageSize);
    this.start = Math.max(0, Math.min(this.start, lastStart));
    const shown = order.slice(this.start, this.start + this.pageSize);
    const head = h(
      "tr",
      {},
      this.columns.map((column) => {
        const sorted = this.sort?.key === column.key ? (this.sort.descending ? "descending" : "ascending") : undefined;
        const sortable = column.sortable !== false;
        return h(
          "th",
          { class: column.numeric ? "numeric" : undefined, "aria-sort": sorted, scope: "col" },
          sortable ? h("button", { type: "button", class: "sort", title: `Sort by ${column.label}`, "aria-label": `Sort by ${column.label}`, onclick: () => this.toggleSort(column.key) }, column.label, h("span", { class: "sort-mark" }, sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "")) : column.label
        );
      })
    );
    const body = shown.map((index) => {
      const row = this.rows[index];
      const attributes = { "data-row": index, class: this.highlighted.has(index) ? "highlighted" : undefined, ...this.options.rowAttributes?.(row, index) };
      return h(
        "tr",
        attributes,
        this.columns.map((column) => {
          const cell = h("td", { class: column.numeric ? "numeric" : undefined, "data-column": column.key });
          if (column.render) column.render(row, index, cell);
          else cell.textContent = formatValue(column.value(row, index));
          return cell;
        })
      );
    });
    this.table.replaceChildren(h("thead", {}, head), h("tbody", {}, body));
    this.renderPager(order.length, lastStart);
  }

  private renderPager(count: number, lastStart: number): void {
    const first = count ? this.start + 1 : 0;
    const last = Math.min(count, this.start + this.pageSize);
    const range = h("span", { class: "table-range" }, `${first}–${last} of ${count}${this.filter ? ` (of ${this.rows.length})` : ""}`);
    this.pager.hidden = count <= this.pageSize && !this.filter;
    this.pager.replaceChildren(
      h("button", { type: "button", "aria-label": "Previous page", disabled: this.start === 0, onclick: () => this.turn(-1) }, "‹"),
      range,
      h("button", { type: "button", "aria-label": "Next page", disabled: this.start >= lastStart, onclick: () => this.turn(1) }, "›")
    );
  }

  private turn(by: number): void {
    this.start += by * this.pageSize;
    this.highlighted.clear();
    this.render();
  }

  private toggleSort(key: string): void {
    if (this.sort?.key !== key) this.sort = { key, descending: false };
    else if (!this.sort.descending) this.sort = { key, descending: true };
    else this.sort = undefined;
    this.start = 0;
    this.render();
  }
}
