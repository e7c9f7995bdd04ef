// @vitest-environment jsdom
// Examples as themselves in tables: what a selection is called on the evaluation it counts, which
// compared examples each view of a comparison lists, how an input shows (a drawing, an image, named
// columns), and where an example came from (its CSV row, its examples-cell line).
import { describe, expect, it } from "vitest";
import { parseExamplesCell } from "../../src/notebook/examples-source.ts";
import type { Comparison } from "../../src/teach/compare.ts";
import { comparedExamples } from "../../src/widgets/comparison.ts";
import { describeSelection } from "../../src/widgets/evaluation.ts";
import { findSource, inputColumns, inputView } from "../../src/widgets/example-parts.ts";
import type { ExamplesCellRef, RowsCellRef, WidgetHost } from "../../src/widgets/widget.ts";

describe("what a drill-down is called", () => {
  it("counts the selection on the evaluation it shows, in the singular for one", () => {
    expect(describeSelection({ correct: false }, 1)).toBe("1 wrong prediction");
    expect(describeSelection({ correct: false }, 0)).toBe("0 wrong predictions");
    expect(describeSelection({ expected: "a", predicted: "b" }, 3)).toBe("3 examples expected a, predicted b");
    expect(describeSelection({ expected: 1 }, 1)).toBe("1 example of 1");
  });
});

describe("a comparison's lists", () => {
  const both = { input: "x", expected: "a", rule: "b", model: "b", ruleCorrect: false, modelCorrect: false };
  const comparison = {
    examples: 4,
    rule: { accuracy: 0.5, errors: 2 },
    model: { accuracy: 0.5, errors: 2 },
    agreement: 0.5,
    disagreements: [{ index: 1, input: "y", expected: "a", rule: "b", model: "a", ruleCorrect: false, modelCorrect: true }],
    mistakes: [
      { index: 1, input: "y", expected: "a", rule: "b", model: "a", ruleCorrect: false, modelCorrect: true },
      { index: 2, ...both },
      { index: 3, input: "z", expected: "c", rule: "c", model: "a", ruleCorrect: true, modelCorrect: false }
    ]
  } satisfies Comparison;

  it("lists the disagreements, the model's own mistakes (also where the rule agrees), or the rule's", () => {
    expect(comparedExamples(comparison, "disagree").map((row) => row.index)).toEqual([1]);
    expect(comparedExamples(comparison, "model-wrong").map((row) => row.index)).toEqual([2, 3]);
    expect(comparedExamples(comparison, "rule-wrong").map((row) => row.index)).toEqual([1, 2]);
  });
});

describe("an input as itself", () => {
  it("shows a drawing as its picture, also after teach.encode made pixels of it", () => {
    const strokes = "10,10 90,10 50,90 10,10";
    expect((inputView(strokes) as Element).matches("svg.stroke-thumbnail[role=img]")).toBe(true);
    const pixels = new Array(256).fill(0);
    expect((inputView(pixels, { input: strokes, index: 0 }) as Element).matches("svg.stroke-thumbnail")).toBe(true);
    expect((inputView(pixels) as Element).matches("canvas.pixel-thumbnail[aria-label='16×16 image']")).toBe(true);
    expect(inputView([0.5, 2])).toBe("[0.5, 2]");
    expect(inputView(new Array(256).fill(3))).toBe("[256 numbers]");
    expect(inputView([1, 2], { input: "12:45", index: 3 })).toBe("12:45");
  });

  it("spreads numbers read from a table's columns over columns named after them", () => {
    const origin = { columns: ["beak", "mass"], row: 0 };
    const rows = [
      { input: [39.1, 3750], origin },
      { input: [40.3, 3250], origin }
    ];
    const columns = inputColumns(rows, (row) => row);
    expect(columns.map((column) => column.label)).toEqual(["beak", "mass"]);
    expect(columns.map((column) => column.value(rows[1], 1))).toEqual([40.3, 3250]);
    expect(inputColumns([{ input: [1, 2] }], (row) => row).map((column) => column.label)).toEqual(["input"]);
  });
});

describe("where an example came from", () => {
  const rowsCell: RowsCellRef = {
    cellId: 2,
    name: "rows",
    file: "data/penguins.csv",
    rows: [
      { species: "Adelie", beak: 39.1, mass: 3750 },
      { species: "Gentoo", beak: 46.1, mass: 4500 },
      { species: "Adelie", beak: 40.3, mass: 3250 }
    ]
  };
  const source = 'const drawings = [\n  {input: "1,1 9,9", output: "line"},\n  {input: "10,10 90,10 50,90 10,10", output: "triangle"},\n];';
  const parse = parseExamplesCell(source);
  if (!parse.ok) throw new Error("the examples cell did not parse");
  const examplesCell: ExamplesCellRef = { cellId: 5, source, table: parse.table, values: [{ input: "1,1 9,9", output: "line" }, { input: "10,10 90,10 50,90 10,10", output: "triangle" }] };
  const host = {
    findRowsCell: (test: (rows: Record<string, unknown>[]) => boolean) => (test(rowsCell.rows) ? rowsCell : undefined),
    findExamplesCell: (test: (values: { input: unknown; output: unknown }[]) => boolean) => (test(examplesCell.values) ? examplesCell : undefined)
  } as unknown as WidgetHost;

  it("finds a table example's CSV row: at its index, or by its numbers when the rows moved", () => {
    expect(findSource(host, { input: [46.1, 4500], origin: { columns: ["beak", "mass"], row: 1 } })).toMatchObject({ cellId: 2, index: 1, text: "data/penguins.csv row 2", title: "Show row 2 of data/penguins.csv (line 3 of the file)" });
    expect(findSource(host, { input: [40.3, 3250], origin: { columns: ["beak", "mass"], row: 0 } })).toMatchObject({ index: 2, text: "data/penguins.csv row 3" });
    expect(findSource(host, { input: [1, 1], origin: { columns: ["beak", "mass"], row: 0 } })).toBeUndefined();
  });

  it("finds an encoded drawing's line in its examples cell", () => {
    expect(findSource(host, { input: [0, 1], expected: "triangle", origin: { input: "10,10 90,10 50,90 10,10", index: 1 } })).toMatchObject({ cellId: 5, index: 1, text: "drawings line 3" });
    expect(findSource(host, { input: [0, 1], expected: "square", origin: { input: "10,10 90,10 50,90 10,10", index: 1 } })).toBeUndefined();
    expect(findSource(host, { input: [0, 1] })).toBeUndefined();
  });
});
