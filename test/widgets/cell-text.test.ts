// What a person types into a table cell, read as the value it means.
import { describe, expect, it } from "vitest";
import { cellTextOf, readCellText } from "../../src/widgets/cell-text.ts";

describe("reading a table cell's text", () => {
  it("reads data literals where the column holds numbers, arrays or objects", () => {
    expect(readCellText("[0.5, -0.25]", [0, 0])).toEqual([0.5, -0.25]);
    expect(readCellText(" 3 ", 1)).toBe(3);
    expect(readCellText("{x: 1, y: [2]}", undefined)).toEqual({ x: 1, y: [2] });
    expect(readCellText("null", 1)).toBeNull();
  });

  it("keeps text as text where the column holds strings, unless it is quoted", () => {
    expect(readCellText("2020-03-01", "date")).toBe("2020-03-01");
    expect(readCellText("24983", "12")).toBe("24983");
    expect(readCellText('"a b"', "x")).toBe("a b");
    expect(readCellText("circle", undefined)).toBe("circle");
  });

  it("refuses an empty value where a literal is needed, and writes values back as they are edited", () => {
    expect(() => readCellText("  ", 1)).toThrow(/a value is needed/);
    expect(cellTextOf("phone")).toBe("phone");
    expect(cellTextOf([1, 2])).toBe("[1,2]");
    expect(readCellText(cellTextOf([0.1, 2]), [0, 0])).toEqual([0.1, 2]);
  });
});
