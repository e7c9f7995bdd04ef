// The notebook as the person edits it: changed only through the pure reducer
// (src/notebook/reducer.ts), with undo and redo over every edit (src/notebook/history.ts). Whoever
// shows, runs or saves the notebook hears of each change. Some steps do more than change the text,
// and undoing or redoing them does that again: a widget's edit of a cell runs the cell (as the
// edit did), and a table's edit of a data file beside the notebook is a step of its own, which
// undo takes back out of the file.
import type { Cell, Notebook } from "@observablehq/notebook-kit";
import { canRedo, canUndo } from "../notebook/history.ts";
import { indexOfCell, nextCellId, notebookReducer, startNotebook, type CellMode, type NotebookAction, type NotebookState } from "../notebook/reducer.ts";
import type { TextChange } from "../notebook/text-change.ts";

export interface NotebookChange {
  notebook: Notebook;
  /** cells were added, deleted or moved (not only edited) */
  structural: boolean;
}

/** What an undo step does besides changing the notebook's text. */
export type StepEffect =
  /** a widget changed the cell's source (a table edit, a plane click, a drawing): the cell runs once edits pause */
  | { kind: "widget"; cellId: number }
  /** a table changed a file beside the notebook; the cell reading it runs again */
  | { kind: "file"; path: string; cellId: number; change: TextChange };

export type StepListener = (effect: StepEffect, direction: "undo" | "redo") => void;

export class NotebookHistory {
  private state: NotebookState;
  private nextId: number;
  /** the snapshots whose step has an effect, by the snapshot the step made */
  private readonly effects = new WeakMap<Notebook, StepEffect>();

  /**
   * `onChange` hears every change; `onUnchanged` an action that changed nothing (a seal, an undo
   * with nothing to undo); `onStep` the effect of each step undone or redone.
   */
  constructor(
    notebook: Notebook,
    private readonly onChange: (change: NotebookChange) => void,
    private readonly onUnchanged: () => void = () => undefined,
    private readonly onStep: StepListener = () => undefined
  ) {
    this.state = startNotebook(notebook);
    this.nextId = nextCellId(notebook);
  }

  get notebook(): Notebook {
    return this.state.present;
  }

  get canUndo(): boolean {
    return canUndo(this.state);
  }

  get canRedo(): boolean {
    return canRedo(this.state);
  }

  cell(id: number): Cell | undefined {
    return this.notebook.cells.find((cell) => cell.id === id);
  }

  indexOf(id: number): number {
    return indexOfCell(this.notebook, id);
  }

  dispatch(action: NotebookAction): void {
    const before = this.state.present;
    this.state = notebookReducer(this.state, action);
    if (this.state.present === before) return this.onUnchanged();
    const structure = (notebook: Notebook) => notebook.cells.map((cell) => cell.id).join(",");
    this.onChange({ notebook: this.notebook, structural: structure(before) !== structure(this.notebook) });
    // An undo leaves the step's snapshot; a redo arrives at it.
    const effect = action.type === "undo" ? this.effects.get(before) : action.type === "redo" ? this.effects.get(this.notebook) : undefined;
    if (effect) this.onStep(effect, action.type as "undo" | "redo");
  }

  /** Replaces a cell's source as one undo step of its own (a widget's edit, not typing): undone or redone, the cell runs. */
  replaceSource(id: number, value: string): void {
    this.dispatch({ type: "seal" });
    const before = this.notebook;
    this.dispatch({ type: "edit", id, value });
    if (this.notebook !== before) this.effects.set(this.notebook, { kind: "widget", cellId: id });
    this.dispatch({ type: "seal" });
  }

  /** Records an edit made outside the notebook (a data file beside it) as one undo step, in order with the notebook's own. */
  recordFileEdit(effect: Extract<StepEffect, { kind: "file" }>): void {
    this.dispatch({ type: "seal" });
    // The notebook's text is unchanged: the step is a copy of it that carries the file edit.
    this.dispatch({ type: "replace", notebook: { ...this.notebook } });
    this.effects.set(this.notebook, effect);
    this.dispatch({ type: "seal" });
  }

  /** Adds a cell at an index; returns its id (never one used before on this page, so undo cannot clash). */
  addCell(at: number, mode: CellMode = "js", value = ""): number {
    this.nextId = Math.max(this.nextId, nextCellId(this.notebook));
    const id = this.nextId++;
    this.dispatch({ type: "add", at, cell: { id, mode, value } });
    return id;
  }
}
