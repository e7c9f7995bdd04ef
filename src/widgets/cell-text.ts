// What a person types into a table cell, read as a value: a JavaScript data literal ([0.1, 0.2],
// 3, "a", {x: 1}) where the column holds such values, and plain text where it holds strings (so
// "2020-03-01" stays a string, not a subtraction). Pure: no DOM.
import { parseExpressionAt } from "acorn";
import { readDataLiteral, type DataValue } from "../notebook/data-literal.ts";

/** The value of `text`, shaped like `like` (a value the column already holds). */
export function readCellText(text: string, like: unknown): DataValue {
  const trimmed = text.trim();
  const literal = readLiteral(trimmed);
  if (typeof like === "string") return literal !== undefined && typeof literal.value === "string" && /^["'`]/.test(trimmed) ? literal.value : trimmed;
  if (literal !== undefined) return literal.value;
  if (trimmed === "") throw new SyntaxError("a value is needed");
  return trimmed;
}

function readLiteral(text: string): { value: DataValue } | undefined {
  if (!text) return undefined;
  try {
    const node = parseExpressionAt(text, 0, { ecmaVersion: "latest" });
    if (node.end !== text.length) return undefined;
    return readDataLiteral(node);
  } catch {
    return undefined;
  }
}

/** A value as a person edits it: strings bare, everything else as a data literal. */
export function cellTextOf(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "";
}
