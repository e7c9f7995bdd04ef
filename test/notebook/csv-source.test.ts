import fc from "fast-check";
import { csvFormat, csvParse } from "d3-dsv";
import { describe, expect, it } from "vitest";
import { applyCsvEdit, csvRecords, type CsvEdit } from "../../src/notebook/csv-source.ts";

const penguins = 'species,beak_length_mm,note\nAdelie,39.1,\nGentoo,46.1,"tall, with a ""note""\non two lines"\nChinstrap,46.5,\n';

describe("editing a CSV file of examples", () => {
  it("updates one row's record and leaves every other byte alone", () => {
    const edited = applyCsvEdit(penguins, { kind: "update", index: 2, row: { species: "Chinstrap", beak_length_mm: 47 } });
    expect(edited).toBe(penguins.replace("Chinstrap,46.5,", "Chinstrap,47,"));
  });

  it("deletes a record that spans lines, and adds a row at the end in the file's line endings", () => {
    expect(applyCsvEdit(penguins, { kind: "delete", index: 1 })).toBe('species,beak_length_mm,note\nAdelie,39.1,\nChinstrap,46.5,\n');
    const windows = "a,b\r\n1,2";
    expect(applyCsvEdit(windows, { kind: "add", row: { a: "x,y", b: 3 } })).toBe('a,b\r\n1,2\r\n"x,y",3');
  });

  it("names unknown columns and missing rows", () => {
    expect(() => applyCsvEdit(penguins, { kind: "add", row: { wings: 2 } })).toThrow(/no column "wings" \(its columns are species, beak_length_mm, note\)/);
    expect(() => applyCsvEdit(penguins, { kind: "delete", index: 3 })).toThrow(/there is no row 3 \(the file has 3\)/);
    expect(() => applyCsvEdit("", { kind: "delete", index: 0 })).toThrow(/no header row/);
  });

  it("random edits of random files (property): the file parses to the table's rows, other records keep their bytes", () => {
    const value = fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom("a,b", 'say "hi"', "two\nlines", "cr\r\nlf", " padded "), fc.integer().map(String));
    const columns: ("x" | "label" | "note")[] = ["x", "label", "note"];
    const row = fc.record({ x: value, label: value, note: value });
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), row }),
      fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), row }),
      fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() })
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (rows, edits) => {
        const model = rows.map((r) => ({ ...r }));
        let text = csvFormat(model, columns) + "\n";
        for (const step of edits) {
          if (step.kind !== "add" && !model.length) continue;
          const index = step.kind === "add" ? model.length : step.pick % model.length;
          const applied: CsvEdit = step.kind === "add" ? step : step.kind === "update" ? { kind: "update", index, row: step.row } : { kind: "delete", index };
          const before = csvRecords(text).map((r) => text.slice(r.start, r.end));
          text = applyCsvEdit(text, applied);
          if (step.kind === "add") model.push({ ...step.row });
          else if (step.kind === "update") model[index] = { ...step.row };
          else model.splice(index, 1);
          const after = csvRecords(text).map((r) => text.slice(r.start, r.end));
          const untouched = before.filter((_, i) => i !== index + 1);
          expect(after.filter((_, i) => step.kind === "delete" || i !== index + 1)).toEqual(step.kind === "delete" ? untouched : step.kind === "add" ? before : untouched);
          expect(csvParse(text).map((r) => ({ ...r }))).toEqual(model);
        }
      }),
      { numRuns: 200 }
    );
  });
});
