// A plain-text table of cell results, columns padded to their widest entry.
import type { CellResult } from "./run.ts";

const STATUS_LABEL: Record<CellResult["status"], string> = {
  fulfilled: "fulfilled",
  running: "running",
  pending: "pending",
  rejected: "rejected",
  "needs-browser": "needs a browser"
};

export function formatTable(cells: CellResult[]): string {
  const rows = [
    ["cell", "names", "status", "value", "ms"],
    ...cells.map((cell) => [String(cell.id), cell.names.join(", "), STATUS_LABEL[cell.status], cell.summary, String(cell.ms)])
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) => row.map((text, column) => (column === row.length - 1 ? text.padStart(widths[column]) : text.padEnd(widths[column]))).join("  "))
    .join("\n");
}
