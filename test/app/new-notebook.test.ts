import { describe, expect, it } from "vitest";
import { newNotebook, newNotebookPath, titleOf } from "../../src/app/new-notebook.ts";

describe("a new notebook", () => {
  it("gets .html added to its file name, and a title from it", () => {
    expect(newNotebookPath(" my lesson ")).toBe("my lesson.html");
    expect(newNotebookPath("lessons/Spiral.HTML")).toBe("lessons/Spiral.HTML");
    expect(titleOf("lessons/two-spirals.html")).toBe("Two spirals");
    expect(newNotebook("two_spirals.html")).toMatchObject({ title: "Two spirals", cells: [{ id: 1, mode: "md" }, { id: 2, mode: "js" }] });
  });

  it("refuses names that are empty or leave the notebook folder", () => {
    expect(() => newNotebookPath("  ")).toThrow(/give the notebook a file name/);
    for (const name of ["../x.html", "/etc/x.html", "a/../../x", "a//b.html", "..\\x.html"]) {
      expect(() => newNotebookPath(name), name).toThrow(/not a file name inside the notebook folder/);
    }
  });
});
