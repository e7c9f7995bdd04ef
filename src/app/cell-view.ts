// One cell in the page: its output, its CodeMirror editor (shown when pinned or when the cell is
// the current one, as Kit's `pinned` means), its status with elapsed time, and its tools. Stable
// hooks for tests and scripts: data-cell-id, data-status, [data-cell-output], .cm-editor inside.
import type { Cell } from "@observablehq/notebook-kit";
import type { CompileResult } from "../runtime/compile.ts";
import type { CellReport } from "../runtime/notebook-runtime.ts";
import type { NotebookNames } from "../editor/completion.ts";
import { EDITABLE_MODES } from "../editor/modes.ts";
import type { CellMode } from "../notebook/reducer.ts";
import type { ViewStatus } from "./cell-status.ts";
import { formatDuration, h } from "./dom.ts";
import { icon } from "./icons.ts";
import { LazyCellEditor } from "./lazy-editor.ts";
import { OutputView, type ValueRenderer } from "./output-view.ts";

/** What a cell asks of the page; every change to the notebook goes through the page's reducer. */
export interface CellActions {
  edit(id: number, value: string): void;
  run(id: number, advance: boolean): void;
  stop(id: number): void;
  add(id: number, where: "above" | "below"): void;
  remove(id: number): void;
  move(id: number, by: -1 | 1): void;
  setMode(id: number, mode: CellMode): void;
  setPinned(id: number, pinned: boolean): void;
  /** moves the focus to the cell above (-1) or below (1), into its editor or onto the cell */
  focusSibling(id: number, by: -1 | 1, into: "editor" | "cell"): void;
  select(id: number): void;
  undo(): void;
  redo(): void;
  save(): void;
  names: NotebookNames;
  /** shows values as widgets (tables, charts, the plane) instead of the inspector */
  renderValue?: ValueRenderer;
}

export interface CellRender {
  report?: CellReport;
  /** the version of the cell the kernel ran */
  ran?: Cell;
  /** the version the person last ran (differs from `ran` while queued with auto-run paused) */
  requested?: Cell;
  compiled?: CompileResult;
  status: ViewStatus;
  /** stale because auto-run is paused (rather than waiting on cells above) */
  paused: boolean;
  /** how long the current run has taken so far, while running */
  elapsedMs?: number;
  /** a running generator has not produced a value for a while (an input waiting for events) */
  idle?: boolean;
}

export class CellView {
  readonly element: HTMLElement;
  readonly editor: LazyCellEditor;
  private readonly output: OutputView;
  private readonly statusLine: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly modeSelect: HTMLSelectElement;
  private readonly pinButton: HTMLButtonElement;
  private cell: Cell;

  constructor(cell: Cell, private readonly actions: CellActions) {
    this.cell = cell;
    const id = cell.id;
    const outputElement = h("div", { class: "cell-output", "data-cell-output": true, "aria-live": "polite" });
    this.output = new OutputView(outputElement, actions.renderValue);
    this.statusLine = h("span", { class: "cell-status-text" });
    this.stopButton = button("stop", "Stop this cell", () => actions.stop(id), "Stop");
    this.stopButton.hidden = true;
    this.modeSelect = h("select", { class: "cell-mode", "aria-label": "Cell mode", onchange: () => actions.setMode(id, this.modeSelect.value as CellMode) },
      EDITABLE_MODES.map(({ mode, label }) => h("option", { value: mode }, label)));
    this.pinButton = button("pin", "Keep the editor open (pinned)", () => actions.setPinned(id, !this.cell.pinned));
    const editorElement = h("div", { class: "cell-editor" });
    const tools = h(
      "div",
      { class: "cell-tools", role: "toolbar", "aria-label": `Cell ${id} tools` },
      button("run", "Run (Shift-Enter)", () => actions.run(id, false), "Run"),
      this.modeSelect,
      this.pinButton,
      button("up", "Move up", () => actions.move(id, -1)),
      button("down", "Move down", () => actions.move(id, 1)),
      button("addAbove", "Add a cell above (A)", () => actions.add(id, "above")),
      button("addBelow", "Add a cell below (B)", () => actions.add(id, "below")),
      button("delete", "Delete this cell (Ctrl-Z brings it back)", () => actions.remove(id))
    );
    this.element = h(
      "section",
      { class: "cell", "data-cell-id": id, tabindex: -1, "aria-label": `Cell ${id}` },
      h("div", { class: "cell-gutter", "aria-hidden": "true" }),
      h("div", { class: "cell-body" }, outputElement, editorElement, h("div", { class: "cell-footer" }, this.statusLine, h("span", { class: "cell-edited-note" }, "Edited · Shift-Enter runs it"), this.stopButton, tools))
    );
    this.element.addEventListener("focusin", () => actions.select(id));
    // Tool buttons keep the focus where it is: selecting the cell on mousedown would open its
    // editor and shift the button away before the click lands.
    tools.addEventListener("mousedown", (event) => {
      if ((event.target as Element).closest("button")) event.preventDefault();
    });
    this.element.addEventListener("mousedown", (event) => {
      if (!(event.target as Element).closest(".cell-tools, .cell-editor, a, input, button, select, textarea")) actions.select(id);
    });
    this.editor = new LazyCellEditor({
      parent: editorElement,
      value: cell.value,
      mode: cell.mode,
      names: actions.names,
      onChange: (value) => actions.edit(id, value),
      commands: {
        run: () => actions.run(id, true),
        runAndStay: () => actions.run(id, false),
        leave: () => this.element.focus(),
        previous: () => actions.focusSibling(id, -1, "editor"),
        next: () => actions.focusSibling(id, 1, "editor"),
        undo: () => actions.undo(),
        redo: () => actions.redo(),
        save: () => actions.save()
      }
    });
    this.update(cell);
  }

  get id(): number {
    return this.cell.id;
  }

  /** The cell shows an output (from its latest run, or an earlier one while stale). */
  get hasOutput(): boolean {
    return this.output.element.childElementCount > 0;
  }

  /** Brings the view in line with the notebook's version of the cell (after typing, undo, mode change). */
  update(cell: Cell): void {
    this.cell = cell;
    this.editor.setValue(cell.value);
    if (this.element.dataset.mode !== cell.mode) {
      if (this.element.dataset.mode) this.editor.setMode(cell.mode);
      this.element.dataset.mode = cell.mode;
    }
    this.modeSelect.value = cell.mode;
    if (!EDITABLE_MODES.some(({ mode }) => mode === cell.mode)) this.modeSelect.append(h("option", { value: cell.mode }, cell.mode));
    toggle(this.element, "data-pinned", cell.pinned);
    toggle(this.element, "data-hidden", cell.hidden);
    this.pinButton.setAttribute("aria-pressed", String(cell.pinned));
  }

  render({ report, ran, requested, compiled, status, paused, elapsedMs, idle = false }: CellRender): void {
    this.element.dataset.status = status;
    this.element.dataset.runs = String(report?.runs ?? 0);
    toggle(this.element, "data-idle", idle);
    toggle(this.element, "data-edited", requested !== undefined && (requested.value !== this.cell.value || requested.mode !== this.cell.mode));
    toggle(this.element, "data-unrun", ran === undefined);
    this.output.render(report, ran, compiled, status);
    const error = status === "rejected" ? report?.error : undefined;
    this.editor.markError(error?.line !== undefined && ran?.value === this.cell.value ? { line: error.line, column: error.column, message: error.message } : null);
    this.stopButton.hidden = !(status === "running" && report?.status === "running");
    this.statusLine.textContent = idle ? "Live · updates as new values come" : statusText(status, paused, elapsedMs, report, ran === undefined);
  }

  /** Shows display()ed values at once, so a cell can measure or draw into an element it displayed. */
  showDisplayed(report: CellReport, ran: Cell | undefined, compiled: CompileResult | undefined): void {
    this.output.render(report, ran, compiled, "running");
  }

  setCurrent(current: boolean): void {
    toggle(this.element, "data-current", current);
  }

  focusEditor(at: "start" | "end" | "keep" = "keep"): void {
    this.actions.select(this.cell.id);
    this.editor.focus(at);
  }

  focusCell(): void {
    this.element.focus();
    this.element.scrollIntoView({ block: "nearest" });
  }

  destroy(): void {
    this.editor.destroy();
    this.element.remove();
  }
}

function statusText(status: ViewStatus, paused: boolean, elapsedMs: number | undefined, report: CellReport | undefined, unrun: boolean): string {
  switch (status) {
    case "running":
      return elapsedMs !== undefined && elapsedMs >= 500 ? `Running · ${formatDuration(elapsedMs)}` : "Running";
    case "stale":
      return paused ? "Stale · auto-run is paused" : "Stale · cells above are recomputing";
    case "pending":
      return unrun ? "Not run yet · Shift-Enter runs it" : "Waiting for cells above";
    case "fulfilled":
      return report?.ms !== undefined && report.ms >= 100 ? formatDuration(report.ms) : "";
    case "rejected":
      return "";
  }
}

function button(name: Parameters<typeof icon>[0], title: string, onClick: () => void, label?: string): HTMLButtonElement {
  const element = h("button", { type: "button", class: `tool tool-${name}`, title, "aria-label": title, onclick: onClick }, icon(name), label && h("span", {}, label));
  return element;
}

function toggle(element: HTMLElement, attribute: string, on: boolean): void {
  if (on) element.setAttribute(attribute, "");
  else element.removeAttribute(attribute);
}
