// Data files and the cells that read them: which CSV file a name comes from, one field of it
// rewritten with every other byte kept, and the cell a dropped file gets.
import { describe, expect, it } from "vitest";
import { csvFileOf } from "../../src/widgets/csv-cell.ts";
import { replaceCsvField } from "../../src/notebook/csv-source.ts";
import { attachmentCellSource, isDataFile, nextFileName, safeFileName, variableNameFor } from "../../src/widgets/attachment-cell.ts";

describe("CSV files behind a cell", () => {
  it("finds the file a name is read from, and nothing for other names or other loaders", () => {
    const source = 'const rows = await FileAttachment("data/penguins.csv").csv({typed: true});\nconst other = 1;';
    expect(csvFileOf(source, "rows")).toBe("data/penguins.csv");
    expect(csvFileOf(source, "other")).toBeUndefined();
    expect(csvFileOf('const rows = await FileAttachment("x.json").json();', "rows")).toBeUndefined();
    expect(csvFileOf("const rows = await FileAttachment(name).csv();", "rows")).toBeUndefined();
    expect(csvFileOf("const rows = [", "rows")).toBeUndefined();
  });

  it("rewrites one field of one record; quoting, line endings and the other records stay byte for byte", () => {
    const text = 'name,note,score\r\n"Smith, J","said ""hi""",1\r\nLee,,2\r\n';
    expect(replaceCsvField(text, 1, "score", "3")).toBe('name,note,score\r\n"Smith, J","said ""hi""",1\r\nLee,,3\r\n');
    expect(replaceCsvField(text, 0, "note", "a, b")).toBe('name,note,score\r\n"Smith, J","a, b",1\r\nLee,,2\r\n');
    expect(() => replaceCsvField(text, 5, "score", "1")).toThrow(/no row 6/);
    expect(() => replaceCsvField(text, 0, "age", "1")).toThrow(/no column "age"/);
  });
});

describe("a dropped data file", () => {
  it("gets a safe file name, a fresh variable name and a cell that loads it typed", () => {
    expect(isDataFile("Points.CSV")).toBe(true);
    expect(isDataFile("notes.txt")).toBe(false);
    expect(safeFileName("../my points (2).csv")).toBe("my-points-2.csv");
    expect(nextFileName("points.csv", 2)).toBe("points-2.csv");
    expect(variableNameFor("penguins-2024.csv", ["penguins2024"])).toBe("penguins20242");
    expect(variableNameFor("2024 sales.json", [])).toBe("data2024Sales");
    expect(attachmentCellSource("points", "points.csv")).toBe('const points = await FileAttachment("points.csv").csv({typed: true});');
    expect(attachmentCellSource("meta", "meta.json")).toBe('const meta = await FileAttachment("meta.json").json();');
  });
});
