import { describe, expect, it } from "vitest";
import { decodeStrokes, encodeStrokes, rasterize, simplify, type Stroke } from "../../src/teach/drawing.ts";
import { shapes } from "../../src/teach/shapes.ts";

const square = (x: number, y: number, side: number): Stroke[] => [[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]];

describe("drawings as example inputs", () => {
  it("strokes from a pad become a short string on a 0–99 grid and come back", () => {
    const text = encodeStrokes([[[0, 0], [200, 100]], [[100, 200]]], { width: 200, height: 200 });
    expect(text).toBe("0,0 99,50;50,99");
    expect(decodeStrokes(text)).toEqual([[[0, 0], [99, 50]], [[50, 99]]]);
    expect(() => decodeStrokes("1,2 x")).toThrow(/stroke 1: "x" is not a point/);
  });

  it("rasterising ignores where and how big the shape was drawn", () => {
    const small = rasterize(square(10, 10, 20));
    const large = rasterize(square(40, 30, 55));
    expect(small).toHaveLength(256);
    expect(small.map((v) => Math.round(v * 100))).toEqual(large.map((v) => Math.round(v * 100)));
  });

  it("a horizontal line lights the two middle rows equally and leaves the rest dark", () => {
    const pixels = rasterize([[[0, 50], [99, 50]]], { size: 8, margin: 1 });
    const row = (r: number) => pixels.slice(r * 8, r * 8 + 8);
    expect(row(3)).toEqual(row(4));
    expect(row(3).slice(1, 7).every((v) => v > 0.3)).toBe(true);
    for (const r of [0, 1, 2, 5, 6, 7]) expect(row(r).every((v) => v === 0)).toBe(true);
    expect(pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(rasterize("")).toEqual(new Array(256).fill(0));
  });

  it("simplifying keeps the corners of a stroke and drops points along straight runs", () => {
    const stroke: Stroke = [[0, 0], [1, 0.1], [2, 0], [3, 0], [3, 1], [3, 2], [3, 3]];
    expect(simplify(stroke, 0.5)).toEqual([[0, 0], [3, 0], [3, 3]]);
  });

  it("generated shapes are seeded, labelled, and decode to strokes on the grid", () => {
    const first = shapes({ perClass: 3, seed: 4 });
    expect(shapes({ perClass: 3, seed: 4 })).toEqual(first);
    expect(shapes({ perClass: 3, seed: 5 })).not.toEqual(first);
    expect(first.map((example) => example.output).slice(0, 4)).toEqual(["circle", "square", "triangle", "cross"]);
    for (const { input, output } of first) {
      const strokes = decodeStrokes(input);
      expect(strokes.length).toBe(output === "cross" ? 2 : 1);
      expect(strokes.flat().flat().every((v) => v >= 0 && v <= 99)).toBe(true);
    }
  });
});
