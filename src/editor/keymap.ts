// The keys of a cell editor that act on the notebook: run (Shift-Enter moves on, Ctrl/Cmd-Enter
// stays), leave the editor (Escape), move to the cell above/below from the first/last line, undo
// and redo across the whole notebook, save. They take precedence over CodeMirror's own.
import { completionStatus } from "@codemirror/autocomplete";
import { Prec, type Extension } from "@codemirror/state";
import { keymap, type EditorView } from "@codemirror/view";

export interface CellCommands {
  run(): void;
  runAndStay(): void;
  leave(): void;
  previous(): void;
  next(): void;
  undo(): void;
  redo(): void;
  save(): void;
}

export function cellKeymap(commands: CellCommands): Extension {
  const act = (command: () => void) => () => (command(), true);
  return Prec.highest(
    keymap.of([
      { key: "Shift-Enter", run: act(commands.run) },
      { key: "Mod-Enter", run: act(commands.runAndStay) },
      { key: "Escape", run: (view) => completionStatus(view.state) === null && (commands.leave(), true) },
      { key: "ArrowUp", run: (view) => atEdge(view, "first") && (commands.previous(), true) },
      { key: "ArrowDown", run: (view) => atEdge(view, "last") && (commands.next(), true) },
      { key: "Mod-z", run: act(commands.undo), preventDefault: true },
      { key: "Mod-Shift-z", run: act(commands.redo), preventDefault: true },
      { key: "Mod-y", run: act(commands.redo), preventDefault: true },
      { key: "Mod-s", run: act(commands.save), preventDefault: true }
    ])
  );
}

/** The cursor (no selection, no open completion) is on the editor's first or last line. */
function atEdge(view: EditorView, edge: "first" | "last"): boolean {
  const { state } = view;
  const selection = state.selection.main;
  if (!selection.empty || completionStatus(state) !== null) return false;
  const line = state.doc.lineAt(selection.head).number;
  return edge === "first" ? line === 1 : line === state.doc.lines;
}
