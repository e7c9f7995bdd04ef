import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyExampleEdit, exampleEditChanges, parseExamplesCell, rowsOfValues, type ExampleEdit, type ExamplesTable } from "../../src/notebook/examples-source.ts";
import { writeDataLiteral } from "../../src/notebook/data-literal.ts";

const table = (source: string): ExamplesTable => {
  const parsed = parseExamplesCell(source);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.table;
};

describe("recognising an examples cell", () => {
  it("an array of one-line {input, output} objects is a table of editable rows, spreads are read-only rows", () => {
    const source = ["// points and their class", "const examples = [", "  ...teach.spiral({seed: 1}),", "  {input: [0.5, -0.25], output: 1}, // tricky", "  {output: 'b', input: 'x'},", "];"].join("\n");
    expect(table(source)).toEqual({
      name: "examples",
      rows: [
        { kind: "code", line: 3, source: "...teach.spiral({seed: 1})", spread: true },
        { kind: "literal", line: 4, input: [0.5, -0.25], output: 1 },
        { kind: "literal", line: 5, input: "x", output: "b" }
      ]
    });
  });

  it("a row whose values are code (a call, a name) is shown read-only", () => {
    expect(table("const pairs = [\n  {input: Math.PI, output: 1},\n];").rows).toEqual([{ kind: "code", line: 2, source: "{input: Math.PI, output: 1}", spread: false }]);
  });

  it("an empty array is an examples cell, so a lesson can start from one and a table can lose its last row", () => {
    expect(table("const examples = [];").rows).toEqual([]);
  });

  it.each([
    ["two declarations", "const a = [{input: 1, output: 2}];\nconst b = 1;", /exactly one name/],
    ["not an array", "const examples = teach.spiral();", /array literal/],
    ["two rows on one line", "const examples = [\n  {input: 1, output: 2}, {input: 2, output: 3},\n];", /share line 2: write one example per line/],
    ["a row over two lines", "const examples = [\n  {input: 1,\n   output: 2},\n];", /line 2: write each example on one line/],
    ["a row with another property", "const examples = [\n  {input: 1, output: 2, weight: 3},\n];", /exactly the properties input and output/],
    ["a syntax error", "const examples = [", /does not parse/],
    ["a number in the array", "const examples = [\n  1,\n];", /line 2: each example is an object/]
  ])("is not an examples cell with %s, and says why", (_, source, reason) => {
    expect(parseExamplesCell(source)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it("says where a cell stops being an examples cell, as line:column counted from 1", () => {
    expect(parseExamplesCell("const examples = [\n  {input: 1, output: 2},\n  {input: 1 output: 2},\n];")).toMatchObject({ ok: false, line: 3, column: 13 });
    expect(parseExamplesCell("const examples = [\n  {input: 1, output: 2},\n  [1, 2],\n];")).toMatchObject({ ok: false, reason: expect.stringMatching(/^line 3: /), line: 3, column: 3 });
    expect(parseExamplesCell("const a = 1;\nconst b = [];")).toMatchObject({ ok: false, line: 2, column: 1 });
  });
});

describe("editing an examples cell rewrites only the affected lines", () => {
  const source = ["const examples = [", "  // the first two are from the paper", "  {input: [1, 2], output: 'cat'}, // keep me", "  {input: [3, 4], output: 'dog'},", "];"].join("\n");

  it("relabelling a row changes only its output, keeping the row's comment and the cell's quotes", () => {
    expect(applyExampleEdit(source, { kind: "update", row: 0, output: "dog" })).toBe(source.replace("output: 'cat'", "output: 'dog'"));
  });

  it("the change is the value's own range, ready for an editor transaction", () => {
    const from = source.indexOf("[3, 4]");
    expect(exampleEditChanges(source, { kind: "update", row: 1, input: [3, 5] })).toEqual([{ from, to: from + 6, insert: "[3, 5]" }]);
  });

  it("deleting a row removes its line and its comment", () => {
    expect(applyExampleEdit(source, { kind: "delete", row: 0 })).toBe(source.replace("  {input: [1, 2], output: 'cat'}, // keep me\n", ""));
  });

  it("adding a row inserts one line after the last, in the rows' indentation", () => {
    expect(applyExampleEdit(source, { kind: "add", input: [5, 6], output: "cat" })).toBe(source.replace("];", "  {input: [5, 6], output: 'cat'},\n];"));
  });

  it("adding to an empty array opens it onto lines", () => {
    expect(applyExampleEdit("const examples = [];", { kind: "add", input: 1, output: 2 })).toBe("const examples = [\n  {input: 1, output: 2},\n];");
  });

  it("a row that comes from code cannot be edited, and says where it is", () => {
    expect(() => applyExampleEdit("const examples = [\n  ...more,\n];", { kind: "update", row: 0, output: 1 })).toThrow(/row 0 \(line 2\) comes from code/);
    expect(() => applyExampleEdit(source, { kind: "update", row: 5, output: 1 })).toThrow(/there is no row 5/);
    expect(() => applyExampleEdit(source, { kind: "add", input: NaN, output: 1 })).toThrow(/NaN cannot be written/);
  });

  it("values of the array map back to their rows (one spread expands to many)", () => {
    const spread = table("const examples = [\n  {input: 0, output: 0},\n  ...teach.spiral(),\n  {input: 1, output: 1},\n];");
    expect(rowsOfValues(spread, 5)).toEqual([0, 1, 1, 1, 2]);
    expect(rowsOfValues(table("const examples = [\n  ...a,\n  ...b,\n];"), 2)).toEqual([undefined, undefined]);
  });
});

// ---- property: random cells, random edits → re-parse → the table's rows; untouched lines identical

type ModelRow = { kind: "literal"; input: unknown; output: unknown } | { kind: "code"; source: string; value: unknown[] };

const finite = fc.double({ min: -1000, max: 1000, noNaN: true }).map((x) => Math.round(x * 1000) / 1000);
const text = fc.string({ maxLength: 6, unit: "grapheme" });
const inputValue = fc.oneof(fc.array(finite, { minLength: 1, maxLength: 3 }), finite, text, fc.record({ x: finite, "a b": text }));
const outputValue = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom("cat", "dog", "it's"), fc.boolean(), text, fc.constant(null));
const extra = [{ input: 9, output: 9 }];
const element = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("literal" as const), input: inputValue, output: outputValue, outputFirst: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: "spread" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "call" as const }) }
);
const layout = fc.record({
  name: fc.constantFrom("examples", "points"),
  quote: fc.constantFrom<'"' | "'">('"', "'"),
  indent: fc.constantFrom("  ", "    ", "\t"),
  trailingComma: fc.boolean(),
  closeOnLastLine: fc.boolean(),
  firstOnOpenLine: fc.boolean(),
  semicolon: fc.boolean(),
  elements: fc.array(fc.record({ element, comment: fc.constantFrom("", " // note", " /* n */"), before: fc.constantFrom("", "/* b */ "), lineAbove: fc.boolean() }), { maxLength: 6 })
});

type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

function buildCell(spec: Layout): { source: string; model: ModelRow[] } {
  const model: ModelRow[] = [];
  const items = spec.elements.map(({ element }) => {
    if (element.kind === "spread") {
      model.push({ kind: "code", source: "...extra", value: extra });
      return "...extra";
    }
    if (element.kind === "call") {
      model.push({ kind: "code", source: "{input: twice(2), output: 1}", value: [{ input: 4, output: 1 }] });
      return "{input: twice(2), output: 1}";
    }
    model.push({ kind: "literal", input: element.input, output: element.output });
    const input = `input: ${writeDataLiteral(element.input, spec)}`;
    const output = `output: ${writeDataLiteral(element.output, spec)}`;
    return `{${element.outputFirst ? `${output}, ${input}` : `${input}, ${output}`}}`;
  });
  const lines = ["// examples, one per line", `const ${spec.name} = [`];
  items.forEach((item, index) => {
    const { comment, before, lineAbove } = spec.elements[index];
    const last = index === items.length - 1;
    const comma = !last || (spec.trailingComma && !spec.closeOnLastLine) ? "," : "";
    const close = last && spec.closeOnLastLine ? `]${spec.semicolon ? ";" : ""}` : "";
    const row = `${before}${item}${comma}${close}${close ? "" : comment}`;
    if (index === 0 && spec.firstOnOpenLine) lines[lines.length - 1] += row;
    else {
      if (lineAbove) lines.push(`${spec.indent}// a comment line`);
      lines.push(`${spec.indent}${row}`);
    }
  });
  if (!items.length || !spec.closeOnLastLine) lines.push(`]${spec.semicolon ? ";" : ""}`);
  return { source: lines.join("\n"), model };
}

const edits = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant("add" as const), input: inputValue, output: outputValue }),
    fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), input: fc.option(inputValue), output: fc.option(outputValue) }),
    fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() })
  ),
  { minLength: 1, maxLength: 6 }
);

function evaluateCell(source: string): unknown {
  const name = table(source).name;
  return new Function("extra", "twice", `${source}\nreturn ${name};`)(extra, (x: number) => 2 * x);
}

function expand(model: ModelRow[]): unknown[] {
  return model.flatMap((row) => (row.kind === "literal" ? [{ input: row.input, output: row.output }] : row.value));
}

/** Every old line but `line` (1-based) is still there, before and after it; returns the change in line count. */
function touchedOnly(before: string, after: string, line: number): number {
  const a = before.split("\n");
  const b = after.split("\n");
  for (let i = 0; i < line - 1; i++) expect(b[i]).toBe(a[i]);
  for (let j = 0; j < a.length - line; j++) expect(b[b.length - 1 - j]).toBe(a[a.length - 1 - j]);
  return b.length - a.length;
}

describe("random edits of random examples cells (property)", () => {
  it("re-parsing the edited source gives the table's rows, the code evaluates to them, and every line but the edited one stays byte-identical", () => {
    fc.assert(
      fc.property(layout, edits, (spec, steps) => {
        const built = buildCell(spec);
        const model = built.model;
        let source = built.source;
        expect(table(source).rows.map(({ line: _line, ...row }) => row)).toEqual(model.map(shownRow));
        for (const step of steps) {
          const before = table(source);
          const rows = before.rows;
          let edit: ExampleEdit;
          let line: number;
          if (step.kind === "add") {
            edit = { kind: "add", input: step.input, output: step.output };
            model.push({ kind: "literal", input: step.input, output: step.output });
            const lastLine = rows.length ? rows[rows.length - 1].line : source.split("\n").findIndex((line) => line.includes("[")) + 1;
            line = lastLine;
          } else {
            if (!rows.length) continue;
            const row = step.pick % rows.length;
            line = rows[row].line;
            if (step.kind === "delete") {
              edit = { kind: "delete", row };
              model.splice(row, 1);
            } else {
              const current = model[row];
              if (current.kind !== "literal") continue;
              edit = { kind: "update", row };
              if (step.input !== null) edit.input = current.input = step.input;
              if (step.output !== null) edit.output = current.output = step.output;
            }
          }
          const next = applyExampleEdit(source, edit);
          const added = touchedOnly(source, next, line);
          expect(added).toBeGreaterThanOrEqual({ add: 1, update: 0, delete: -1 }[edit.kind]);
          expect(added).toBeLessThanOrEqual({ add: 2, update: 0, delete: 0 }[edit.kind]);
          source = next;
          expect(table(source).rows.map(({ line: _line, ...row }) => row)).toEqual(model.map(shownRow));
          expect(evaluateCell(source)).toEqual(expand(model));
        }
      }),
      { numRuns: 300 }
    );
  });
});

function shownRow(row: ModelRow) {
  if (row.kind === "literal") return row;
  return { kind: "code", source: row.source, spread: row.source.startsWith("...") };
}
