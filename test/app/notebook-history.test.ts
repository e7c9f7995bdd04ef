// The notebook's undo history over its own edits and over edits with effects: a widget's edit of a
// cell (undone or redone, the cell runs again, as the edit ran it) and a table's edit of a data file
// beside the notebook (one step in order with the rest, which undo takes back out of the file).
import { toNotebook } from "@observablehq/notebook-kit";
import { describe, expect, it } from "vitest";
import { NotebookHistory, type StepEffect } from "../../src/app/notebook-history.ts";
import { textChange } from "../../src/notebook/text-change.ts";

function makeHistory() {
  const steps: [StepEffect, string][] = [];
  const notebook = toNotebook({ title: "t", cells: [{ id: 1, mode: "js", value: "const a = 1;" }] });
  const kept = new NotebookHistory(notebook, () => undefined, () => undefined, (effect, direction) => steps.push([effect, direction]));
  return { history: kept, steps, text: () => kept.notebook.cells[0].value };
}

const fileEdit = (cellId = 1): Extract<StepEffect, { kind: "file" }> => ({ kind: "file", path: "p.csv", cellId, change: textChange("x\n1\n", "x\n2\n") });

describe("the notebook's undo history", () => {
  it("a widget's edit, undone and redone, asks for its cell to run each time", () => {
    const { history, steps, text } = makeHistory();
    history.replaceSource(1, "const a = 2;");
    history.dispatch({ type: "undo" });
    expect(text()).toBe("const a = 1;");
    history.dispatch({ type: "redo" });
    expect(text()).toBe("const a = 2;");
    expect(steps).toEqual([
      [{ kind: "widget", cellId: 1 }, "undo"],
      [{ kind: "widget", cellId: 1 }, "redo"]
    ]);
  });

  it("typing has no effect to replay: undoing it only changes the text", () => {
    const { history, steps } = makeHistory();
    history.dispatch({ type: "edit", id: 1, value: "const a = 3;", time: 1 });
    history.dispatch({ type: "undo" });
    expect(steps).toEqual([]);
  });

  it("a file edit is one undo step, in order with the notebook's edits, and leaves the notebook's text as it was", () => {
    const { history, steps, text } = makeHistory();
    history.dispatch({ type: "edit", id: 1, value: "const a = 3;", time: 1 });
    const edit = fileEdit();
    history.recordFileEdit(edit);
    expect(text()).toBe("const a = 3;");
    history.dispatch({ type: "edit", id: 1, value: "const a = 4;", time: 2 });
    history.dispatch({ type: "undo" });
    expect([text(), steps.length]).toEqual(["const a = 3;", 0]);
    history.dispatch({ type: "undo" });
    expect([text(), steps]).toEqual(["const a = 3;", [[edit, "undo"]]]);
    history.dispatch({ type: "undo" });
    expect(text()).toBe("const a = 1;");
    expect(history.canUndo).toBe(false);
    history.dispatch({ type: "redo" });
    history.dispatch({ type: "redo" });
    expect(steps).toEqual([
      [edit, "undo"],
      [edit, "redo"]
    ]);
    expect(text()).toBe("const a = 3;");
  });

  it("typing right after a file edit starts a step of its own", () => {
    const { history, steps, text } = makeHistory();
    history.recordFileEdit(fileEdit());
    history.dispatch({ type: "edit", id: 1, value: "const a = 5;", time: Date.now() });
    history.dispatch({ type: "undo" });
    expect([text(), steps]).toEqual(["const a = 1;", []]);
  });
});
