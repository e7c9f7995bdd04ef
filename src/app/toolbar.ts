// The notebook page's bar: where you are, whether it is saved, the tfjs backend, and the
// notebook-wide actions (run all, restart, auto-run, undo/redo, save, settings). What comes and
// goes (the backend, "Run N stale") keeps its place when absent, so the buttons never move.
import { h } from "./dom.ts";
import type { SaveState } from "./saver.ts";

export interface ToolbarActions {
  save(): void;
  runAll(): void;
  runStale(): void;
  restart(): void;
  setAutoRun(on: boolean): void;
  undo(): void;
  redo(): void;
  settings(): void;
}

export interface ToolbarState {
  title: string;
  path: string;
  save: SaveState;
  backend?: string;
  autoRun: boolean;
  /** the cells "Run stale" will run: those run while auto-run was paused and every cell depending on them */
  staleCount: number;
  canUndo: boolean;
  canRedo: boolean;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly title = h("span", { class: "notebook-title" });
  private readonly path = h("span", { class: "notebook-path" });
  private readonly saveState = h("span", { class: "save-state", "data-save-state": "saved", role: "status" });
  private readonly backend = h("span", { class: "backend", title: "The TensorFlow.js backend this notebook runs on" });
  private readonly autoRun: HTMLInputElement;
  private readonly runStale: HTMLButtonElement;
  private readonly undo: HTMLButtonElement;
  private readonly redo: HTMLButtonElement;
  private readonly save: HTMLButtonElement;

  constructor(actions: ToolbarActions) {
    this.autoRun = h("input", { type: "checkbox", checked: true, onchange: () => actions.setAutoRun(this.autoRun.checked) });
    this.runStale = h("button", { type: "button", class: "run-stale", onclick: () => actions.runStale(), title: "Run the cells run while auto-run was paused, and the cells that depend on them" });
    this.undo = h("button", { type: "button", onclick: () => actions.undo(), title: "Undo the last notebook edit (Ctrl/Cmd-Z)" }, "Undo");
    this.redo = h("button", { type: "button", onclick: () => actions.redo(), title: "Redo (Ctrl/Cmd-Shift-Z)" }, "Redo");
    this.save = h("button", { type: "button", class: "primary", "data-action": "save", onclick: () => actions.save(), title: "Save to the file (Ctrl/Cmd-S)" }, "Save");
    this.element = h(
      "header",
      { class: "app-bar" },
      h("a", { class: "brand", href: "/", title: "All notebooks" }, "Exemplar"),
      h("span", { class: "crumb", "aria-hidden": "true" }, "/"),
      h("span", { class: "where" }, this.title, this.path),
      this.saveState,
      h("span", { class: "spacer" }),
      this.backend,
      h("label", { class: "auto-run", title: "When off, running a cell only marks the cells that depend on it stale" }, this.autoRun, "Auto-run"),
      this.runStale,
      h("button", { type: "button", "data-action": "run-all", onclick: () => actions.runAll(), title: "Run every cell again" }, "Run all"),
      h("button", { type: "button", "data-action": "restart", onclick: () => actions.restart(), title: "Start a fresh runtime and run every cell" }, "Restart"),
      this.undo,
      this.redo,
      this.save,
      h("button", { type: "button", "data-action": "settings", onclick: () => actions.settings(), title: "Settings for this browser: how long a cell may run without yielding" }, "Settings")
    );
  }

  render(state: ToolbarState): void {
    this.title.textContent = state.title;
    this.path.textContent = state.path;
    this.saveState.dataset.saveState = state.save.kind;
    this.saveState.textContent = SAVE_LABELS[state.save.kind];
    this.backend.textContent = state.backend ? `tfjs · ${state.backend}` : "";
    setPresent(this.backend, !!state.backend);
    this.autoRun.checked = state.autoRun;
    setPresent(this.runStale, state.staleCount > 0);
    this.runStale.textContent = `Run ${state.staleCount} stale`;
    this.undo.disabled = !state.canUndo;
    this.redo.disabled = !state.canRedo;
    this.save.disabled = state.save.kind === "saving";
  }
}

/** Shown or not, the element keeps its place in the bar (see .reserved in app.css). */
function setPresent(element: HTMLElement, present: boolean): void {
  element.classList.add("reserved");
  element.toggleAttribute("data-absent", !present);
  element.setAttribute("aria-hidden", String(!present));
  if (element instanceof HTMLButtonElement) element.disabled = !present;
}

const SAVE_LABELS: Record<SaveState["kind"], string> = {
  saved: "Saved",
  dirty: "● Unsaved changes",
  saving: "Saving…",
  conflict: "Not saved: changed on disk",
  failed: "Not saved"
};
