// Examples are source: an examples cell is ordinary code that the page shows as a table, and every
// table edit rewrites exactly the affected line(s) of that code, found by AST position, so comments
// and formatting survive and the notebook file changes by a one-line diff.
//
// A cell is an examples cell when its whole program (comments aside) is one `const`/`let`
// declaration of one name whose value is an array literal, and every element of that array is
//   - a row: an object literal with exactly the properties `input` and `output`, written on one
//     line that holds no other element. Its values are editable when they are data literals
//     (numbers, strings, booleans, null, arrays and plain objects of those); or
//   - a spread (`...teach.spiral({seed: 1})`): its examples come from code and show read-only.
// An empty array is an examples cell too, so a lesson can start from `const examples = []` and a
// table whose last row is deleted stays a table.
import { Parser, type Comment, type Node as AcornNode } from "acorn";
import { propertyKey, readDataLiteral, writeDataLiteral, type DataValue } from "./data-literal.ts";
import { reasonAt, syntaxErrorLocation, type LocatedReason } from "./source-location.ts";

export interface LiteralRow {
  kind: "literal";
  /** 1-based line of the row in the cell */
  line: number;
  input: DataValue;
  output: DataValue;
}

export interface CodeRow {
  kind: "code";
  line: number;
  /** the element's source, e.g. `...teach.spiral({seed: 1})` or `{input: f(1), output: 2}` */
  source: string;
  /** a spread stands for any number of examples; any other code row for exactly one */
  spread: boolean;
}

export type ExampleRow = LiteralRow | CodeRow;

export interface ExamplesTable {
  /** the declared name, e.g. "examples" */
  name: string;
  /** one per array element, in source order; only literal rows can be edited */
  rows: ExampleRow[];
}

export type ExamplesCellParse = { ok: true; table: ExamplesTable } | ({ ok: false } & LocatedReason);

export type ExampleEdit =
  | { kind: "add"; input: unknown; output: unknown }
  | { kind: "update"; row: number; input?: unknown; output?: unknown }
  | { kind: "delete"; row: number };

/** A replacement of the old source's [from, to) by `insert` (CodeMirror's change shape). */
export interface SourceChange {
  from: number;
  to: number;
  insert: string;
}

interface Element {
  node: AcornNode;
  row: ExampleRow;
  /** where the input and output values sit, for literal rows */
  values?: { input: AcornNode; output: AcornNode };
}

interface Analysis {
  table: ExamplesTable;
  elements: Element[];
  array: AcornNode;
  declaration: AcornNode;
  comments: Comment[];
}

/** Says whether `source` is an examples cell and, if so, the rows its table shows. */
export function parseExamplesCell(source: string): ExamplesCellParse {
  const analysis = analyse(source);
  return "reason" in analysis ? { ok: false, ...analysis } : { ok: true, table: analysis.table };
}

/** Adds a row and returns the new source (or use `exampleEditChanges` for the change alone). */
export function applyExampleEdit(source: string, edit: ExampleEdit): string {
  const changes = exampleEditChanges(source, edit);
  let output = source;
  for (const change of [...changes].sort((a, b) => b.from - a.from)) output = output.slice(0, change.from) + change.insert + output.slice(change.to);
  return output;
}

/** The smallest changes to `source` that perform `edit`; throws for a cell or row that cannot be edited. */
export function exampleEditChanges(source: string, edit: ExampleEdit): SourceChange[] {
  const analysis = analyse(source);
  if ("reason" in analysis) throw new Error(`not an examples cell: ${analysis.reason}`);
  const style = { quote: quoteStyle(source, analysis) };
  if (edit.kind === "add") return addRow(source, analysis, `{input: ${writeDataLiteral(edit.input, style)}, output: ${writeDataLiteral(edit.output, style)}}`);
  const element = analysis.elements[edit.row];
  if (!element) throw new RangeError(`there is no row ${edit.row} (the table has ${analysis.elements.length})`);
  if (edit.kind === "delete") return [deleteRange(source, analysis, element)];
  if (!element.values) throw new Error(`row ${edit.row} (line ${element.row.line}) comes from code and cannot be edited in the table`);
  const changes: SourceChange[] = [];
  for (const key of ["input", "output"] as const) {
    if (!(key in edit)) continue;
    const node = element.values[key];
    changes.push({ from: node.start, to: node.end, insert: writeDataLiteral(edit[key], style) });
  }
  return changes;
}

function analyse(source: string): Analysis | LocatedReason {
  const comments: Comment[] = [];
  let program: any;
  try {
    program = Parser.parse(source, { ecmaVersion: "latest", sourceType: "module", locations: true, onComment: comments });
  } catch (error) {
    return { reason: `the cell does not parse: ${(error as Error).message}`, ...syntaxErrorLocation(error) };
  }
  const declaration = program.body[0];
  if (program.body.length !== 1 || declaration.type !== "VariableDeclaration" || declaration.kind === "var" || declaration.declarations.length !== 1) {
    return reasonAt(program.body[1] ?? declaration ?? program, "an examples cell declares exactly one name with const (or let) and nothing else");
  }
  const declarator = declaration.declarations[0];
  if (declarator.id.type !== "Identifier" || declarator.init?.type !== "ArrayExpression") {
    return reasonAt(declaration, "an examples cell's value is an array literal: const examples = [ … ]");
  }
  const array = declarator.init;
  const name: string = declarator.id.name;
  const elements: Element[] = [];
  const lines = new Map<number, number>();
  for (const [index, node] of (array.elements as (any | null)[]).entries()) {
    if (!node) return reasonAt(array, `element ${index} of the array is a hole (two commas in a row)`);
    const element = elementOf(source, node);
    if ("reason" in element) return element;
    for (let line = node.loc.start.line; line <= node.loc.end.line; line++) {
      if (lines.has(line)) return { reason: `examples ${lines.get(line)} and ${index} share line ${line}: write one example per line`, line };
      lines.set(line, index);
    }
    elements.push(element);
  }
  return { table: { name, rows: elements.map((element) => element.row) }, elements, array, declaration, comments };
}

function elementOf(source: string, node: any): Element | LocatedReason {
  const line: number = node.loc.start.line;
  if (node.type === "SpreadElement") return { node, row: { kind: "code", line, source: source.slice(node.start, node.end), spread: true } };
  if (node.type !== "ObjectExpression") return reasonAt(node, `line ${line}: each example is an object {input, output} or a spread ...examples`);
  const keys = node.properties.map(propertyKey);
  if (keys.length !== 2 || !keys.includes("input") || !keys.includes("output")) {
    return reasonAt(node, `line ${line}: an example has exactly the properties input and output`);
  }
  if (node.loc.end.line !== line) return reasonAt(node, `line ${line}: write each example on one line`);
  const valueOf = (key: string) => node.properties[keys.indexOf(key)];
  const input = valueOf("input");
  const output = valueOf("output");
  const inputValue = input.shorthand ? undefined : readDataLiteral(input.value);
  const outputValue = output.shorthand ? undefined : readDataLiteral(output.value);
  if (!inputValue || !outputValue) return { node, row: { kind: "code", line, source: source.slice(node.start, node.end), spread: false } };
  return { node, row: { kind: "literal", line, input: inputValue.value, output: outputValue.value }, values: { input: input.value, output: output.value } };
}

/** Deletes the row's whole line when nothing else is on it (its comment goes with it), else just the row. */
function deleteRange(source: string, analysis: Analysis, element: Element): SourceChange {
  const { node } = element;
  const comma = commaAfter(source, analysis, node.end);
  const end = comma ?? node.end;
  const lineStart = source.lastIndexOf("\n", node.start - 1) + 1;
  const newline = source.indexOf("\n", end);
  const lineEnd = newline < 0 ? source.length : newline;
  const alone = blank(source, lineStart, node.start, analysis.comments) && blank(source, end, lineEnd, analysis.comments);
  if (alone && newline >= 0) return { from: lineStart, to: newline + 1, insert: "" };
  let to = end;
  while (to < lineEnd && (source[to] === " " || source[to] === "\t")) to++;
  return { from: node.start, to, insert: "" };
}

/** Appends a row after the last element, or into an empty array. */
function addRow(source: string, analysis: Analysis, row: string): SourceChange[] {
  const { elements, array } = analysis;
  const declarationIndent = indentOf(source, analysis.declaration.start);
  const last = elements[elements.length - 1];
  if (!last) {
    const open = array.start + 1;
    const close = array.end - 1;
    const sameLine = !source.slice(open, close).includes("\n");
    if (sameLine) return [{ from: open, to: open, insert: `\n${declarationIndent}  ${row},\n${declarationIndent}` }];
    const afterOpenLine = source.indexOf("\n", open) + 1;
    return [{ from: afterOpenLine, to: afterOpenLine, insert: `${declarationIndent}  ${row},\n` }];
  }
  const indent = rowIndent(source, analysis) ?? `${declarationIndent}  `;
  const comma = commaAfter(source, analysis, last.node.end);
  const newline = source.indexOf("\n", comma ?? last.node.end);
  const closesOnSameLine = newline < 0 || newline > array.end - 1;
  if (closesOnSameLine) {
    const at = comma ?? last.node.end;
    return [{ from: at, to: at, insert: `${comma === undefined ? "," : ""}\n${indent}${row}` }];
  }
  const insertAt = newline + 1;
  const trailing = comma !== undefined;
  const changes: SourceChange[] = [{ from: insertAt, to: insertAt, insert: `${indent}${row}${trailing ? "," : ""}\n` }];
  if (!trailing) changes.push({ from: last.node.end, to: last.node.end, insert: "," });
  return changes;
}

/** The position of the comma right after `end` (skipping spaces and comments), if there is one. */
function commaAfter(source: string, analysis: Analysis, end: number): number | undefined {
  let at = end;
  for (;;) {
    while (at < source.length && /\s/.test(source[at])) at++;
    const comment = analysis.comments.find((c) => c.start === at);
    if (!comment) break;
    at = comment.end;
  }
  return source[at] === "," && at < analysis.array.end ? at + 1 : undefined;
}

/** Whether [from, to) holds only whitespace and whole comments. */
function blank(source: string, from: number, to: number, comments: Comment[]): boolean {
  let at = from;
  while (at < to) {
    if (/\s/.test(source[at])) at++;
    else {
      const comment = comments.find((c) => c.start === at && c.end <= to);
      if (!comment) return false;
      at = comment.end;
    }
  }
  return true;
}

/** The indentation of the last element that starts its own line. */
function rowIndent(source: string, analysis: Analysis): string | undefined {
  for (const element of [...analysis.elements].reverse()) {
    const lineStart = source.lastIndexOf("\n", element.node.start - 1) + 1;
    const before = source.slice(lineStart, element.node.start);
    if (/^[ \t]*$/.test(before)) return before;
  }
  return undefined;
}

function indentOf(source: string, position: number): string {
  const lineStart = source.lastIndexOf("\n", position - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** Strings are written in the quotes the cell's rows already use. */
function quoteStyle(source: string, analysis: Analysis): '"' | "'" {
  for (const element of analysis.elements) {
    if (!element.values) continue;
    const match = /["']/.exec(source.slice(element.node.start, element.node.end));
    if (match) return match[0] as '"' | "'";
  }
  return '"';
}

/**
 * Which table row each value of the cell's array came from (the page scrolls the table to the
 * examples behind a mistake). Known when the cell has at most one spread; else all undefined.
 */
export function rowsOfValues(table: ExamplesTable, length: number): (number | undefined)[] {
  const spreads = table.rows.filter((row) => row.kind === "code" && row.spread).length;
  const fromSpread = length - (table.rows.length - spreads);
  if (spreads > 1 || fromSpread < 0 || (spreads === 0 && fromSpread !== 0)) return new Array<undefined>(length).fill(undefined);
  return table.rows.flatMap((row, index) => (row.kind === "code" && row.spread ? new Array<number>(fromSpread).fill(index) : [index]));
}
