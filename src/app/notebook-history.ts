// The notebook as the person edits it: changed only through the pure reducer
// (src/notebook/reducer.ts), with undo and redo over every edit (src/notebook/history.ts). Whoever
// shows, runs or saves the notebook hears of each change.
import type { Cell, Notebook } from "@observablehq/notebook-kit";
import { canRedo, canUndo } from "../notebook/history.ts";
import { indexOfCell, nextCellId, notebookReducer, startNotebook, type CellMode, type NotebookAction, type NotebookState } from "../notebook/reducer.ts";

export interface NotebookChange {
  notebook: Notebook;
  /** cells were added, deleted or moved (not only edited) */
  structural: boolean;
}

export class NotebookHistory {
  private state: NotebookState;
  private nextId: number;

  /** `onChange` hears every change; `onUnchanged` an action that changed nothing (a seal, an undo with nothing to undo) */
  constructor(
    notebook: Notebook,
    private readonly onChange: (change: NotebookChange) => void,
    private readonly onUnchanged: () => void = () => undefined
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
  }

  /** Replaces a cell's source as one undo step of its own (a widget's edit, not typing). */
  replaceSource(id: number, value: string): void {
    this.dispatch({ type: "seal" });
    this.dispatch({ type: "edit", id, value });
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
