// @vitest-environment jsdom
import "../app/jsdom-layout.ts";
import { EditorState } from "@codemirror/state";
import { EditorView, runScopeHandlers } from "@codemirror/view";
import { afterEach, describe, expect, it } from "vitest";
import { CellEditor } from "../../src/editor/cell-editor.ts";
import { cellKeymap, type CellCommands } from "../../src/editor/keymap.ts";

const calls: string[] = [];
const commands = Object.fromEntries(["run", "runAndStay", "leave", "previous", "next", "undo", "redo", "save"].map((name) => [name, () => calls.push(name)])) as unknown as CellCommands;
const changes: string[] = [];
let editor: CellEditor;

function create(value: string): CellEditor {
  editor = new CellEditor({ parent: document.body, value, mode: "js", commands, names: { names: () => [] }, onChange: (text) => changes.push(text) });
  return editor;
}

function press(key: string, modifiers: { shiftKey?: boolean; ctrlKey?: boolean; keyCode?: number } = {}, view = editor.view): boolean {
  return runScopeHandlers(view, new KeyboardEvent("keydown", { key, ...modifiers }), "editor");
}

afterEach(() => {
  editor?.destroy();
  calls.length = 0;
  changes.length = 0;
});

describe("a cell editor's keys", () => {
  it("Shift-Enter runs and moves on, Ctrl-Enter runs and stays, Escape leaves, Ctrl-S saves", () => {
    create("a + 1");
    expect(press("Enter", { shiftKey: true })).toBe(true);
    expect(press("Enter", { ctrlKey: true })).toBe(true);
    expect(press("Escape")).toBe(true);
    expect(press("s", { ctrlKey: true })).toBe(true);
    expect(calls).toEqual(["run", "runAndStay", "leave", "save"]);
  });

  it("Ctrl-Z and Ctrl-Shift-Z go to the notebook's undo and redo, not the editor's", () => {
    create("a");
    press("z", { ctrlKey: true, keyCode: 90 });
    press("Z", { ctrlKey: true, shiftKey: true, keyCode: 90 });
    press("y", { ctrlKey: true, keyCode: 89 });
    expect(calls).toEqual(["undo", "redo", "redo"]);
  });

  it("ArrowUp on the first line and ArrowDown on the last move to the neighbouring cells; elsewhere they are left to the cursor", () => {
    // The run keymap alone: jsdom cannot measure lines for CodeMirror's own cursor motion.
    const view = new EditorView({ parent: document.body, state: EditorState.create({ doc: "one\ntwo\nthree", extensions: [cellKeymap(commands)] }) });
    view.dispatch({ selection: { anchor: 5 } });
    expect(press("ArrowUp", {}, view)).toBe(false);
    expect(press("ArrowDown", {}, view)).toBe(false);
    view.dispatch({ selection: { anchor: 1 } });
    expect(press("ArrowUp", {}, view)).toBe(true);
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    expect(press("ArrowDown", {}, view)).toBe(true);
    view.dispatch({ selection: { anchor: 0, head: 3 } });
    expect(press("ArrowUp", {}, view)).toBe(false);
    expect(calls).toEqual(["previous", "next"]);
    view.destroy();
  });
});

describe("a cell editor's text", () => {
  it("reports the person's typing but not the page's setValue (undo, restore)", () => {
    create("const a = 1;");
    editor.view.dispatch({ changes: { from: 12, insert: " // typed" } });
    editor.setValue("const a = 2;");
    expect(changes).toEqual(["const a = 1; // typed"]);
    expect(editor.value).toBe("const a = 2;");
  });

  it("setValue replaces only the span that differs, so marks and the cursor around it stay", () => {
    create("const examples = [\n  a,\n];");
    editor.view.dispatch({ selection: { anchor: 0 } });
    let replaced: { from: number; to: number; text: string } | undefined;
    const listener = (from: number, to: number, text: string) => (replaced = { from, to, text });
    const original = editor.view.dispatch.bind(editor.view);
    editor.view.dispatch = ((...specs: Parameters<typeof original>) => {
      const spec = specs[0] as { changes?: { from: number; to: number; insert: string } };
      if (spec?.changes) listener(spec.changes.from, spec.changes.to, spec.changes.insert);
      return original(...specs);
    }) as typeof original;
    editor.setValue("const examples = [\n  a,\n  b,\n];");
    expect(replaced).toEqual({ from: 24, to: 24, text: "  b,\n" });
    expect(editor.view.state.selection.main.head).toBe(0);
  });

  it("marks the line of an error and clears the mark on the next result", () => {
    create("const b = 1;\nnull.x;");
    editor.markError({ line: 2, column: 6, message: "Cannot read properties of null" });
    expect(editor.view.dom.querySelector(".cm-error-line")?.textContent).toBe("null.x;");
    expect(editor.view.dom.querySelector(".cm-error-mark")?.textContent).toBe("x;");
    editor.markError(null);
    expect(editor.view.dom.querySelector(".cm-error-line")).toBeNull();
  });
});
