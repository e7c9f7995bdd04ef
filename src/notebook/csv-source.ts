// Larger example sets live in a CSV file beside the notebook; the examples table edits it the way
// it edits an examples cell: by rewriting exactly the affected record, so the file's other bytes
// (quoting, line endings, the header) stay as they were and the diff is one line.
import { csvFormatRow, csvParseRows } from "d3-dsv";

export type CsvEdit =
  | { kind: "add"; row: Record<string, unknown> }
  | { kind: "update"; index: number; row: Record<string, unknown> }
  | { kind: "delete"; index: number };

interface CsvRecord {
  /** offsets of the record's text, without its line break */
  start: number;
  end: number;
  /** where the next record starts (after the line break), or the end of the text */
  next: number;
}

/** The records of a CSV text, header first; a quoted field may span lines. */
export function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let start = 0;
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const character = text[i];
    if (character === '"') quoted = !quoted;
    if (quoted || (character !== "\n" && character !== "\r")) {
      i++;
      continue;
    }
    const next = character === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
    records.push({ start, end: i, next });
    start = i = next;
  }
  if (start < text.length) records.push({ start, end: text.length, next: text.length });
  return records;
}

/** Applies an edit to the data rows (index 0 is the first row after the header). */
export function applyCsvEdit(text: string, edit: CsvEdit): string {
  const records = csvRecords(text);
  const header = records[0] ? csvParseRows(text.slice(records[0].start, records[0].end))[0] : undefined;
  if (!header) throw new Error("the CSV file has no header row naming its columns");
  const format = (row: Record<string, unknown>) => {
    const unknown = Object.keys(row).filter((key) => !header.includes(key));
    if (unknown.length) throw new Error(`the CSV file has no column ${unknown.map((key) => `"${key}"`).join(", ")} (its columns are ${header.join(", ")})`);
    return csvFormatRow(header.map((column) => (row[column] == null ? "" : String(row[column]))));
  };
  const data = records.slice(1).filter((record) => record.end > record.start);
  if (edit.kind === "add") {
    const newline = /\r\n/.test(text) ? "\r\n" : "\n";
    const last = records[records.length - 1];
    const ended = last.next > last.end;
    return `${text}${ended ? "" : newline}${format(edit.row)}${ended ? newline : ""}`;
  }
  const record = data[edit.index];
  if (!record) throw new RangeError(`there is no row ${edit.index} (the file has ${data.length})`);
  if (edit.kind === "update") return text.slice(0, record.start) + format(edit.row) + text.slice(record.end);
  return text.slice(0, record.start) + text.slice(record.next);
}

/** The data record at `index` with one field replaced; the other fields keep their exact text. */
export function replaceCsvField(text: string, index: number, column: string, value: string): string {
  const records = csvRecords(text).filter((record) => record.end > record.start);
  const header = csvParseRows(text.slice(records[0].start, records[0].end))[0];
  const record = records[index + 1];
  if (!record) throw new RangeError(`there is no row ${index + 1} in the file (it has ${records.length - 1})`);
  if (!header.includes(column)) throw new Error(`the file has no column "${column}"`);
  const fields = csvParseRows(text.slice(record.start, record.end))[0] ?? [];
  const row = Object.fromEntries(header.map((name, k) => [name, fields[k] ?? ""]));
  row[column] = value;
  return applyCsvEdit(text, { kind: "update", index, row });
}
