import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toNotebook, type Notebook } from "@observablehq/notebook-kit";
import { describe, expect, it } from "vitest";
import { parseNotebook, serializeNotebook } from "../../src/notebook/format.ts";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { applyEdit, nextCellId, notebookReducer, startNotebook, type NotebookAction, type NotebookState } from "../../src/notebook/reducer.ts";
import { canRedo, canUndo, HISTORY_LIMIT } from "../../src/notebook/history.ts";
import { projectRoot } from "../helpers/notebooks.ts";

const notebook = (): Notebook =>
  toNotebook({
    title: "Test",
    cells: [
      { id: 1, mode: "md", value: "# Title" },
      { id: 2, mode: "js", value: "const a = 1;" },
      { id: 3, mode: "js", value: "a + 1" }
    ]
  });

const run = (state: NotebookState, ...actions: NotebookAction[]) => actions.reduce(notebookReducer, state);
const ids = (state: NotebookState) => state.present.cells.map((cell) => cell.id);
const values = (state: NotebookState) => state.present.cells.map((cell) => cell.value);

describe("notebook edits", () => {
  it("adds a cell at an index, with Kit's defaults for its mode", () => {
    const state = run(startNotebook(notebook()), { type: "add", at: 1, cell: { id: 4, mode: "md", value: "hi" } });
    expect(ids(state)).toEqual([1, 4, 2, 3]);
    expect(state.present.cells[1]).toMatchObject({ id: 4, mode: "md", value: "hi", pinned: false, hidden: false });
  });

  it("adds at the end when the index is past the last cell, and refuses an id in use", () => {
    const state = run(startNotebook(notebook()), { type: "add", at: 99, cell: { id: 7 } });
    expect(ids(state)).toEqual([1, 2, 3, 7]);
    expect(state.present.cells[3]).toMatchObject({ mode: "js", pinned: true, value: "" });
    expect(() => run(state, { type: "add", at: 0, cell: { id: 2 } })).toThrow(/id 2 already exists/);
    expect(() => run(state, { type: "add", at: 0, cell: { id: 0 } })).toThrow(/positive integers/);
  });

  it("edits one cell's value and leaves every other cell the same object", () => {
    const before = startNotebook(notebook());
    const after = run(before, { type: "edit", id: 2, value: "const a = 2;" });
    expect(values(after)).toEqual(["# Title", "const a = 2;", "a + 1"]);
    expect(after.present.cells[0]).toBe(before.present.cells[0]);
    expect(after.present.cells[2]).toBe(before.present.cells[2]);
    expect(before.present.cells[1].value).toBe("const a = 1;");
  });

  it("moves a cell up and down, and a move off either end changes nothing", () => {
    const start = startNotebook(notebook());
    expect(ids(run(start, { type: "move", id: 3, to: 0 }))).toEqual([3, 1, 2]);
    expect(ids(run(start, { type: "move", id: 1, to: 1 }))).toEqual([2, 1, 3]);
    expect(run(start, { type: "move", id: 1, to: -1 })).toBe(start);
    expect(run(start, { type: "move", id: 3, to: 5 })).toBe(start);
  });

  it("deletes a cell; an edit naming no cell changes nothing", () => {
    const start = startNotebook(notebook());
    expect(ids(run(start, { type: "delete", id: 2 }))).toEqual([1, 3]);
    expect(run(start, { type: "delete", id: 42 })).toBe(start);
    expect(run(start, { type: "edit", id: 42, value: "x" })).toBe(start);
  });

  it("changes a cell's mode, pinned and hidden flags", () => {
    const state = run(
      startNotebook(notebook()),
      { type: "set-mode", id: 3, mode: "ts" },
      { type: "set-pinned", id: 1, pinned: true },
      { type: "set-hidden", id: 2, hidden: true }
    );
    expect(state.present.cells.map((cell) => [cell.mode, cell.pinned, cell.hidden])).toEqual([
      ["md", true, false],
      ["js", true, true],
      ["ts", true, false]
    ]);
  });

  it("a new cell's id is above every id in the notebook", () => {
    expect(nextCellId(notebook())).toBe(4);
    expect(nextCellId(toNotebook({ cells: [] }))).toBe(1);
  });
});

describe("undo and redo across notebook edits", () => {
  it("undoes and redoes add, move, mode change and delete in order", () => {
    const start = startNotebook(notebook());
    const edited = run(
      start,
      { type: "add", at: 3, cell: { id: 4, value: "b" } },
      { type: "move", id: 4, to: 0 },
      { type: "set-mode", id: 2, mode: "ts" },
      { type: "delete", id: 1 }
    );
    expect(ids(edited)).toEqual([4, 2, 3]);
    const once = run(edited, { type: "undo" });
    expect(ids(once)).toEqual([4, 1, 2, 3]);
    const all = run(once, { type: "undo" }, { type: "undo" }, { type: "undo" });
    expect(all.present).toBe(start.present);
    expect(canUndo(all)).toBe(false);
    expect(run(all, { type: "undo" })).toBe(all);
    const redone = run(all, { type: "redo" }, { type: "redo" }, { type: "redo" }, { type: "redo" });
    expect(redone.present).toEqual(edited.present);
    expect(canRedo(redone)).toBe(false);
  });

  it("typing in one cell is one undo step; another cell, a pause or a seal starts a new one", () => {
    let state = startNotebook(notebook());
    for (const [i, value] of ["c", "co", "con", "cons"].entries()) state = run(state, { type: "edit", id: 3, value, time: 100 * i });
    expect(state.past).toHaveLength(1);
    expect(values(run(state, { type: "undo" }))[2]).toBe("a + 1");

    const otherCell = run(state, { type: "edit", id: 2, value: "x", time: 400 });
    expect(otherCell.past).toHaveLength(2);
    const paused = run(state, { type: "edit", id: 3, value: "const", time: 5000 });
    expect(paused.past).toHaveLength(2);
    const sealed = run(state, { type: "seal" }, { type: "edit", id: 3, value: "const", time: 400 });
    expect(sealed.past).toHaveLength(2);
    expect(values(run(sealed, { type: "undo" }))[2]).toBe("cons");
  });

  it("a new edit after undo drops the redo steps", () => {
    const state = run(startNotebook(notebook()), { type: "delete", id: 1 }, { type: "undo" }, { type: "edit", id: 2, value: "y" });
    expect(canRedo(state)).toBe(false);
    expect(ids(state)).toEqual([1, 2, 3]);
  });

  it("keeps at most HISTORY_LIMIT undo steps", () => {
    let state = startNotebook(notebook());
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) state = run(state, { type: "set-hidden", id: 2, hidden: i % 2 === 0 });
    expect(state.past).toHaveLength(HISTORY_LIMIT);
  });

  it("replacing the notebook (restoring a draft) is undoable", () => {
    const draft = applyEdit(notebook(), { type: "edit", id: 2, value: "const a = 42;" });
    const state = run(startNotebook(notebook()), { type: "replace", notebook: draft });
    expect(values(state)[1]).toBe("const a = 42;");
    expect(values(run(state, { type: "undo" }))[1]).toBe("const a = 1;");
  });
});

describe("edits as saved files", () => {
  it("one added example line in spiral.html is one added line in the saved file", () => {
    const file = join(projectRoot, "notebooks/spiral.html");
    const text = readFileSync(file, "utf8");
    const { notebook: spiral } = parseNotebook(text, file, nodeDom());
    const examples = spiral.cells.find((cell) => cell.id === 2)!;
    const value = examples.value.replace("...teach.spiral({perClass: 150, seed: 1}),", "$&\n  {input: [0.5, 0.5], output: 1},");
    const state = run(startNotebook(spiral), { type: "edit", id: 2, value });
    const saved = serializeNotebook(state.present, nodeDom()).split("\n");
    const original = text.split("\n");
    expect(saved).toHaveLength(original.length + 1);
    const added = saved.findIndex((line, i) => line !== original[i]);
    expect(saved[added]).toBe("      {input: [0.5, 0.5], output: 1},");
    expect([...saved.slice(0, added), ...saved.slice(added + 1)]).toEqual(original);
  });
});
