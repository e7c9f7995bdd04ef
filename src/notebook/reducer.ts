// Every change a person makes to a notebook goes through this one pure reducer: add, edit, move,
// delete a cell, change its mode or its pinned/hidden flags, replace the whole notebook (restoring a
// draft), and undo/redo across all of them. No DOM and no I/O, so each UI action is testable alone.
import { toCell, type Cell, type CellSpec, type Notebook } from "@observablehq/notebook-kit";
import { change, redo, seal, startHistory, undo, type History } from "./history.ts";

export type CellMode = Cell["mode"];

export type NotebookEdit =
  /** inserts a cell at an index (0 = first); the caller picks an unused id (see nextCellId) */
  | { type: "add"; at: number; cell: CellSpec }
  | { type: "edit"; id: number; value: string }
  /** moves a cell to an index in the notebook as it is after taking the cell out */
  | { type: "move"; id: number; to: number }
  | { type: "delete"; id: number }
  | { type: "set-mode"; id: number; mode: CellMode }
  | { type: "set-pinned"; id: number; pinned: boolean }
  | { type: "set-hidden"; id: number; hidden: boolean }
  | { type: "replace"; notebook: Notebook };

export type NotebookAction =
  | (NotebookEdit & { time?: number })
  | { type: "undo" }
  | { type: "redo" }
  /** ends a run of typing: the next edit is a new undo step (e.g. after running the cell) */
  | { type: "seal" };

export type NotebookState = History<Notebook>;

export function startNotebook(notebook: Notebook): NotebookState {
  return startHistory(notebook);
}

export function notebookReducer(state: NotebookState, action: NotebookAction): NotebookState {
  switch (action.type) {
    case "undo":
      return undo(state);
    case "redo":
      return redo(state);
    case "seal":
      return seal(state);
    default: {
      const next = applyEdit(state.present, action);
      // Typing in one cell merges into one undo step; any other edit is a step of its own.
      const group = action.type === "edit" ? `edit ${action.id}` : undefined;
      return change(state, next, { group, time: action.time });
    }
  }
}

/** Applies one edit; returns the same notebook when the edit changes nothing (or names no cell). */
export function applyEdit(notebook: Notebook, edit: NotebookEdit): Notebook {
  switch (edit.type) {
    case "add": {
      if (notebook.cells.some((cell) => cell.id === edit.cell.id)) throw new Error(`a cell with id ${edit.cell.id} already exists`);
      if (!(Number.isInteger(edit.cell.id) && edit.cell.id > 0)) throw new Error(`cell ids are positive integers, got ${edit.cell.id}`);
      const cells = notebook.cells.slice();
      cells.splice(clamp(edit.at, 0, cells.length), 0, toCell(edit.cell));
      return { ...notebook, cells };
    }
    case "edit":
      return updateCell(notebook, edit.id, (cell) => (cell.value === edit.value ? cell : { ...cell, value: edit.value }));
    case "set-mode":
      return updateCell(notebook, edit.id, (cell) => (cell.mode === edit.mode ? cell : toCell({ ...cell, mode: edit.mode, pinned: cell.pinned })));
    case "set-pinned":
      return updateCell(notebook, edit.id, (cell) => (cell.pinned === edit.pinned ? cell : { ...cell, pinned: edit.pinned }));
    case "set-hidden":
      return updateCell(notebook, edit.id, (cell) => (cell.hidden === edit.hidden ? cell : { ...cell, hidden: edit.hidden }));
    case "move": {
      const from = indexOfCell(notebook, edit.id);
      if (from < 0) return notebook;
      const cells = notebook.cells.slice();
      const [cell] = cells.splice(from, 1);
      const to = clamp(edit.to, 0, cells.length);
      if (to === from) return notebook;
      cells.splice(to, 0, cell);
      return { ...notebook, cells };
    }
    case "delete": {
      if (indexOfCell(notebook, edit.id) < 0) return notebook;
      return { ...notebook, cells: notebook.cells.filter((cell) => cell.id !== edit.id) };
    }
    case "replace":
      return edit.notebook;
  }
}

/** The smallest id above every cell's: what a new cell gets (Kit ids are positive integers). */
export function nextCellId(notebook: Notebook): number {
  return notebook.cells.reduce((max, cell) => Math.max(max, cell.id), 0) + 1;
}

export function indexOfCell(notebook: Notebook, id: number): number {
  return notebook.cells.findIndex((cell) => cell.id === id);
}

export function findCell(notebook: Notebook, id: number): Cell | undefined {
  return notebook.cells.find((cell) => cell.id === id);
}

function updateCell(notebook: Notebook, id: number, update: (cell: Cell) => Cell): Notebook {
  const index = indexOfCell(notebook, id);
  if (index < 0) return notebook;
  const cell = notebook.cells[index];
  const next = update(cell);
  if (next === cell) return notebook;
  const cells = notebook.cells.slice();
  cells[index] = next;
  return { ...notebook, cells };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
