// An example as itself in any table: a drawing as its picture (also after teach.encode turned it
// into pixels), a table row's numbers under their column names with a link to that row of its CSV
// table (or to its line in an examples cell), and what a model answered next to what was expected.
// The evaluation's drill-down, the comparison, the examples table and tables of rows all use these.
import { rowsOfValues } from "../notebook/examples-source.ts";
import type { ExampleOrigin } from "../teach/origin.ts";
import { h } from "./dom.ts";
import { sameValue } from "./same-value.ts";
import { formatPercent, formatValue } from "./format.ts";
import type { Column } from "./table.ts";
import { looksLikeStrokes, pixelThumbnail, strokeThumbnail } from "./thumbnail.ts";
import type { ShownPrediction, WidgetHost } from "./widget.ts";

/** What the parts here need of an example (a prediction, a compared example, an example). */
export interface ExampleLike {
  input: unknown;
  expected?: unknown;
  origin?: ExampleOrigin;
}

/** The input as a person recognises it: a drawing's picture, an image's pixels, else its text. */
export function inputView(input: unknown, origin?: ExampleOrigin): Node | string {
  const written = origin && "input" in origin ? origin.input : input;
  if (looksLikeStrokes(written)) return strokeThumbnail(written) ?? formatValue(written);
  const image = squareImage(written);
  if (image) return pixelThumbnail(image.pixels, image.size);
  return formatValue(written);
}

/** An input of n² numbers between 0 and 1 (n from 4 to 64): an image the model sees, as teach.rasterize makes. */
function squareImage(value: unknown): { pixels: ArrayLike<number>; size: number } | undefined {
  if (!Array.isArray(value) && !(value instanceof Float32Array)) return undefined;
  const size = Math.round(Math.sqrt(value.length));
  if (size < 4 || size > 64 || size * size !== value.length) return undefined;
  for (let i = 0; i < value.length; i++) {
    const pixel: unknown = value[i];
    if (typeof pixel !== "number" || !(pixel >= 0 && pixel <= 1)) return undefined;
  }
  return { pixels: value as ArrayLike<number>, size };
}

/** The input's columns: one per named number when it was read from a table's columns, else one "input" column. */
export function inputColumns<R>(rows: R[], example: (row: R) => ExampleLike): Column<R>[] {
  const names = sharedColumns(rows.map(example));
  if (names) {
    return names.map((name, k) => ({ key: `input ${name}`, label: name, numeric: true, value: (row: R) => (example(row).input as unknown[])[k] }));
  }
  return [{ key: "input", label: "input", value: (row: R) => inputText(example(row)), render: (row: R, _index: number, cell: HTMLTableCellElement) => cell.append(inputView(example(row).input, example(row).origin)) }];
}

/** The column names every example's input was read from, when they all share them. */
function sharedColumns(examples: ExampleLike[]): string[] | undefined {
  const first = examples[0]?.origin?.columns;
  if (!first?.length) return undefined;
  const same = examples.every(({ input, origin }) => Array.isArray(input) && input.length === first.length && origin?.columns?.join("\n") === first.join("\n"));
  return same ? first : undefined;
}

/** What sorting by the input uses: the written input when there is one. */
function inputText({ input, origin }: ExampleLike): unknown {
  return origin && "input" in origin ? origin.input : input;
}

/** What a model answered: "✓ circle 97%" or "✗ square 64%". */
export function predictionView({ predicted, correct, confidence }: ShownPrediction): HTMLElement {
  return h(
    "span",
    { class: `prediction ${correct ? "right" : "wrong"}`, "data-correct": String(correct) },
    `${correct ? "✓" : "✗"} ${formatValue(predicted)}`,
    confidence === undefined ? null : h("span", { class: "confidence" }, ` ${formatPercent(confidence, 0)}`)
  );
}

/** The "predicted" column of a table whose rows a model answered. */
export function predictionColumn<R>(prediction: (row: R, index: number) => ShownPrediction | undefined): Column<R> {
  return {
    key: "predicted",
    label: "predicted",
    value: (row, index) => {
      const shown = prediction(row, index);
      return shown ? `${shown.correct ? 1 : 0} ${formatValue(shown.predicted)}` : undefined;
    },
    render: (row, index, cell) => {
      const shown = prediction(row, index);
      if (shown) cell.append(predictionView(shown));
    }
  };
}

/** Where an example came from, found among the notebook's cells: a row of a CSV table, or a line of an examples cell. */
export interface ExampleSource {
  cellId: number;
  /** the row (CSV) or value (examples cell) index in that cell's table */
  index: number;
  /** "penguins.csv row 5", "drawings line 12" */
  text: string;
  title: string;
}

/** The row or line an example came from, if its origin leads to one the notebook shows. */
export function findSource(host: WidgetHost, { input, expected, origin }: ExampleLike): ExampleSource | undefined {
  if (!origin) return undefined;
  if (origin.columns && origin.row !== undefined && Array.isArray(input)) {
    const columns = origin.columns;
    const matches = (row: Record<string, unknown> | undefined) => !!row && columns.every((column, k) => sameNumber(row[column], input[k]));
    const at = (rows: Record<string, unknown>[]) => (matches(rows[origin.row!]) ? origin.row! : rows.findIndex(matches));
    const cell = host.findRowsCell((rows) => at(rows) >= 0);
    if (!cell) return undefined;
    const index = at(cell.rows);
    return { cellId: cell.cellId, index, text: `${cell.file} row ${index + 1}`, title: `Show row ${index + 1} of ${cell.file} (line ${index + 2} of the file)` };
  }
  if ("input" in origin) {
    const written = (values: { input: unknown; output: unknown }[], index: number) => sameValue(values[index]?.input, origin.input) && (expected === undefined || sameValue(values[index]?.output, expected));
    const at = (values: { input: unknown; output: unknown }[]) => (origin.index !== undefined && written(values, origin.index) ? origin.index : values.findIndex((_, index) => written(values, index)));
    const cell = host.findExamplesCell((values) => at(values) >= 0);
    if (!cell) return undefined;
    const index = at(cell.values);
    const row = cell.table.rows[rowsOfValues(cell.table, cell.values.length)[index] ?? -1];
    const where = row?.kind === "literal" ? `line ${row.line}` : `example ${index + 1}`;
    return { cellId: cell.cellId, index, text: `${cell.table.name} ${where}`, title: `Show it in the table of ${cell.table.name} (${where} of its cell)` };
  }
  return undefined;
}

/** A link to where the example came from; shows it there when clicked. */
export function sourceLink(host: WidgetHost, example: ExampleLike, description: string): HTMLElement | undefined {
  const source = findSource(host, example);
  if (!source) return undefined;
  return h(
    "button",
    {
      type: "button",
      class: "link source-link",
      title: source.title,
      onclick: (event: MouseEvent) => {
        event.stopPropagation();
        host.showExamples(source.cellId, { indices: [source.index], description: `${source.text}: ${description}` });
      }
    },
    source.text
  );
}

/**
 * The "source" column, each row's link to where its example came from: none when the first example
 * with an origin leads nowhere the notebook shows (drawings made in code, say).
 */
export function sourceColumns<R>(host: WidgetHost, rows: R[], example: (row: R) => ExampleLike, description: (row: R) => string): Column<R>[] {
  const first = rows.find((row) => example(row).origin);
  if (first === undefined || !findSource(host, example(first))) return [];
  return [{
    key: "source",
    label: "source",
    sortable: false,
    value: () => "",
    render: (row, _index, cell) => {
      const link = sourceLink(host, example(row), description(row));
      if (link) cell.append(link);
    }
  }];
}

function sameNumber(cell: unknown, value: unknown): boolean {
  const number = typeof cell === "number" ? cell : typeof cell === "string" && cell.trim() !== "" ? Number(cell) : NaN;
  return number === value;
}
