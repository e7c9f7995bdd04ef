import { describe, expect, it } from "vitest";
import { replayChange, textChange } from "../../src/notebook/text-change.ts";

describe("a text edit kept as the span it replaced", () => {
  const before = "species,mass\nAdelie,3750\nGentoo,4700\n";
  const after = "species,mass\nAdelie,3801\nGentoo,4700\n";

  it("is the smallest span that changed", () => {
    expect(textChange(before, after)).toEqual({ at: 21, removed: "750", inserted: "801" });
    expect(textChange("abc", "abc")).toEqual({ at: 3, removed: "", inserted: "" });
    expect(textChange("aXa", "aa")).toEqual({ at: 1, removed: "X", inserted: "" });
    expect(textChange("aa", "aXYa")).toEqual({ at: 1, removed: "", inserted: "XY" });
  });

  it("undone and redone, gives back each text exactly", () => {
    for (const [a, b] of [[before, after], ["", "x\n"], ["x,y\n1,2\n", "x,y\n"], ["aaa", "aaaa"], ["row\r\n", "row2\r\n"]]) {
      const change = textChange(a, b);
      expect(replayChange(b, change, "undo")).toBe(a);
      expect(replayChange(a, change, "redo")).toBe(b);
    }
  });

  it("refuses a text changed where the edit was since, and undoes one changed elsewhere", () => {
    const change = textChange(before, after);
    expect(replayChange(after.replace("3801", "3900"), change, "undo")).toBeUndefined();
    expect(replayChange(after.replace("4700", "4800"), change, "undo")).toBe(before.replace("4700", "4800"));
  });
});
