// One table for every benchmark: what was measured, against which baseline (same run, same
// process), their ratio and the goal it is held to. Notes carry what a row cannot (profiles).

export interface BenchRow {
  /** which benchmark: reaction, training, backend choice, … */
  bench: string;
  /** the case measured, e.g. "spiral 2-32-32-2 · wasm" */
  case: string;
  measured: string;
  baseline: string;
  /** measured relative to the baseline, in the direction the goal reads */
  ratio?: number;
  /** how the ratio reads, e.g. "1.31× faster" (default: the ratio) */
  ratioText?: string;
  goal?: string;
  met?: boolean;
  /** numbers behind the row, for --json */
  data?: Record<string, unknown>;
}

export interface BenchReport {
  date: string;
  machine: string;
  options: Record<string, unknown>;
  rows: BenchRow[];
  notes: string[];
}

export function formatTable(rows: BenchRow[]): string {
  const header = ["benchmark", "case", "measured", "baseline", "ratio", "goal", "met"];
  const body = rows.map((row) => [
    row.bench,
    row.case,
    row.measured,
    row.baseline,
    row.ratioText ?? (row.ratio === undefined ? "" : `${row.ratio.toFixed(2)}×`),
    row.goal ?? "",
    row.met === undefined ? "" : row.met ? "yes" : "no"
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  return [line(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
