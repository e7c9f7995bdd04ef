import { describe, expect, it } from "vitest";
import { encode, examplesFrom, split } from "../../src/teach/tables.ts";
import { textFeatures } from "../../src/teach/text.ts";
import { rasterize } from "../../src/teach/drawing.ts";
import { shapes } from "../../src/teach/shapes.ts";

describe("examples from tables", () => {
  const rows = [
    { a: 1, b: "2", kind: "x" },
    { a: null, b: 3, kind: "y" },
    { a: 4, b: 5, kind: "" },
    { a: 6, b: 7, kind: "y" }
  ];

  it("picks input columns as numbers and the output column, leaving out rows with missing values", () => {
    const examples = examplesFrom(rows, { input: ["a", "b"], output: "kind" });
    expect([...examples]).toEqual([
      { input: [1, 2], output: "x" },
      { input: [6, 7], output: "y" }
    ]);
    expect(examples.skipped).toBe(2);
  });

  it("reads a DataFrame's columns and values the same way", () => {
    const frame = { columns: ["a", "b", "kind"], values: rows.map((row) => [row.a, row.b, row.kind]) };
    expect([...examplesFrom(frame, { input: ["a"], output: ["b"] })]).toEqual([
      { input: [1], output: [2] },
      { input: [4], output: [5] },
      { input: [6], output: [7] }
    ]);
  });

  it("names a missing column and the ones there are", () => {
    expect(() => examplesFrom(rows, { input: ["c"], output: "kind" })).toThrow(/no column "c" \(the columns are a, b, kind\)/);
  });

  it("splits seeded, disjoint and complete", () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const { train, test } = split(items, { test: 0.3, seed: 2 });
    expect(test).toHaveLength(3);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(items);
    expect(split(items, { test: 0.3, seed: 2 })).toEqual({ train, test });
    expect(() => split(items, { test: 1 })).toThrow(/between 0 and 1/);
  });

  it("encodes inputs with a feature function, keeping outputs and order", async () => {
    expect(await encode([{ input: "ab", output: 1 }, { input: "abc", output: 2 }], (text) => [text.length])).toEqual([
      { input: [2], output: 1 },
      { input: [3], output: 2 }
    ]);
    await expect(encode([{ input: "ab", output: 1 }], "rasterize" as never)).rejects.toThrow(/^encode: features must be a function of an input/);
  });

  it("encodes a slice at a time, letting other work run between slices", async () => {
    const drawings = shapes({ perClass: 100, seed: 3 });
    let turns = 0;
    let running = true;
    const tick = () => running && (turns++, setImmediate(tick));
    setImmediate(tick);
    const images = await encode(drawings, rasterize);
    running = false;
    expect(turns).toBeGreaterThan(0);
    expect(images).toHaveLength(400);
    expect(images[399]).toEqual({ input: rasterize(drawings[399].input), output: drawings[399].output });
  });
});

describe("text features", () => {
  it("describe a string by its character classes and which follow which", () => {
    const date = textFeatures("2024-03-01");
    expect(date).toHaveLength(111);
    expect(date[0]).toBeCloseTo(10 / 16);
    expect(date[1]).toBeCloseTo(0.8); // digits
    expect(date[5]).toBeCloseTo(0.2); // dashes
    const pair = (a: number, b: number) => 11 + a * 10 + b;
    expect(date[pair(0, 4)]).toBe(1); // a digit before a dash
    expect(date[pair(0, 8)]).toBe(0); // never a digit before an @
    expect(textFeatures("ann@example.org")[pair(1, 8)]).toBe(1);
    expect(() => textFeatures(5 as never)).toThrow(/takes a string/);
  });
});
