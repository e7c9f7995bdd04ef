// One cell in the page: its output, its CodeMirror editor (shown when pinned or when the cell is
// the current one, as Kit's `pinned` means), its status with elapsed time, and its tools. Stable
// hooks for tests and scripts: data-cell-id, data-status, [data-cell-output], .cm-editor inside.
// Until the page asks for the editor (the cell comes near the viewport, or is focused), the code
// shows as plain text in the editor's place: an editor costs milliseconds, a big notebook has many.
import type { Cell } from "@observablehq/notebook-kit";
import type { CellOutline } from "../runtime/kernel.ts";
import type { CellReport } from "../runtime/notebook-runtime.ts";
import type { NotebookNames } from "../editor/completion.ts";
import type { ErrorLocation } from "../editor/error-mark.ts";
import { placeholderFor } from "../editor/modes.ts";
import type { CellMode } from "../notebook/reducer.ts";
import type { ViewStatus } from "./cell-status.ts";
import { cellChrome, cellTools, statusText, type CellTools, type Tool } from "./cell-chrome.ts";
import { h } from "./dom.ts";
import { LazyCellEditor } from "./lazy-editor.ts";
import { OutputView } from "./output-view.ts";
import type { ValueRenderer } from "../widgets/widget.ts";

/** What a cell asks of the page; every change to the notebook goes through the page's reducer. */
export interface CellActions {
  edit(id: number, value: string): void;
  run(id: number, advance: boolean): void;
  stop(id: number): void;
  /** runs the cell again without the loop budget that stopped it */
  runWithoutLimit?(id: number): void;
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
  /** the ran version as the kernel compiled it */
  outline?: CellOutline;
  status: ViewStatus;
  /** stale because auto-run is paused (rather than waiting on cells above) */
  paused: boolean;
  /** how long the current run has taken so far, while running (a training's own clock: without pauses) */
  elapsedMs?: number;
  /** a running training is paused (its panel's Pause) */
  workPaused?: boolean;
  /** a running generator has not produced a value for a while (an input waiting for events) */
  idle?: boolean;
}

export class CellView {
  readonly element: HTMLElement;
  private shownEditor?: LazyCellEditor;
  private readonly editorElement: HTMLElement;
  private source?: HTMLElement;
  private errorMark: ErrorLocation | null = null;
  private rendered?: CellRender;
  private readonly output: OutputView;
  private readonly statusLine: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly tools: HTMLElement;
  private toolParts?: CellTools;
  private current: Cell;

  constructor(cell: Cell, private readonly actions: CellActions) {
    this.current = cell;
    const id = cell.id;
    const chrome = cellChrome(id);
    ({ element: this.element, status: this.statusLine, stop: this.stopButton, tools: this.tools, editor: this.editorElement } = chrome);
    this.output = new OutputView(chrome.output, actions.renderValue, actions.runWithoutLimit && (() => actions.runWithoutLimit!(id)));
    const tool: Record<Tool, () => void> = {
      run: () => actions.run(id, false),
      stop: () => actions.stop(id),
      pin: () => actions.setPinned(id, !this.current.pinned),
      up: () => actions.move(id, -1),
      down: () => actions.move(id, 1),
      addAbove: () => actions.add(id, "above"),
      addBelow: () => actions.add(id, "below"),
      delete: () => actions.remove(id)
    };
    this.element.addEventListener("click", (event) => {
      const name = (event.target as Element).closest<HTMLElement>(".cell-footer [data-tool]")?.dataset.tool as Tool | undefined;
      if (name) tool[name]();
    });
    this.element.addEventListener("change", (event) => {
      const select = event.target as HTMLSelectElement;
      if (select.matches(".cell-tools .cell-mode")) actions.setMode(id, select.value as CellMode);
    });
    this.element.addEventListener("pointerenter", () => this.showTools());
    this.element.addEventListener("focusin", () => (this.showTools(), actions.select(id)));
    this.element.addEventListener("mousedown", (event) => {
      const target = event.target as Element;
      // Tool buttons, Stop included, keep the focus where it is: selecting the cell on mousedown
      // would open its editor and shift the button away before the click lands.
      if (target.closest(".cell-footer [data-tool]")) event.preventDefault();
      else if (!target.closest(".cell-tools, .cell-editor, a, input, button, select, textarea")) actions.select(id);
    });
    this.update(cell);
  }

  get id(): number {
    return this.current.id;
  }

  get cell(): Cell {
    return this.current;
  }

  /** The cell's editor, made now if it was not yet. */
  get editor(): LazyCellEditor {
    return this.shownEditor ?? this.showEditor();
  }

  get editorHasFocus(): boolean {
    return this.shownEditor?.hasFocus ?? false;
  }

  /** Makes the editor in place of the plain code (once). */
  showEditor(): LazyCellEditor {
    if (this.shownEditor) return this.shownEditor;
    const { id, actions } = this;
    this.source?.remove();
    this.source = undefined;
    this.shownEditor = new LazyCellEditor({
      parent: this.editorElement,
      value: this.current.value,
      mode: this.current.mode,
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
    this.shownEditor.markError(this.errorMark);
    return this.shownEditor;
  }

  /** The cell shows an output (from its latest run, or an earlier one while stale). */
  get hasOutput(): boolean {
    return this.output.element.childElementCount > 0;
  }

  /** Brings the view in line with the notebook's version of the cell (after typing, undo, mode change). */
  update(cell: Cell): void {
    const changed = cell !== this.current;
    this.current = cell;
    this.rendered = undefined;
    if (this.shownEditor) {
      this.shownEditor.setValue(cell.value);
      if (this.element.dataset.mode !== cell.mode) this.shownEditor.setMode(cell.mode);
    } else if (changed || !this.source) this.showSource(cell);
    this.element.dataset.mode = cell.mode;
    toggle(this.element, "data-pinned", cell.pinned);
    toggle(this.element, "data-hidden", cell.hidden);
    this.updateTools();
  }

  /** Fills in the cell's tools (on first hover, focus or selection). */
  showTools(): void {
    if (this.toolParts) return;
    this.toolParts = cellTools(this.tools);
    this.updateTools();
  }

  private updateTools(): void {
    if (!this.toolParts) return;
    const { modeSelect, pin } = this.toolParts;
    const { mode, pinned } = this.current;
    if (!Array.from(modeSelect.options).some((option) => option.value === mode)) modeSelect.append(h("option", { value: mode }, mode));
    modeSelect.value = mode;
    pin.setAttribute("aria-pressed", String(pinned));
  }

  render(state: CellRender): void {
    if (this.rendered && sameRender(this.rendered, state)) return;
    this.rendered = state;
    const { report, ran, requested, outline, status, paused, elapsedMs, workPaused = false, idle = false } = state;
    this.element.dataset.status = status;
    this.element.dataset.runs = String(report?.runs ?? 0);
    toggle(this.element, "data-idle", idle);
    toggle(this.element, "data-edited", requested !== undefined && (requested.value !== this.current.value || requested.mode !== this.current.mode));
    toggle(this.element, "data-unrun", ran === undefined);
    this.output.render(report, ran, outline, status);
    const error = status === "rejected" ? report?.error : undefined;
    this.errorMark = error?.line !== undefined && ran?.value === this.current.value ? { line: error.line, column: error.column, message: error.message } : null;
    this.shownEditor?.markError(this.errorMark);
    this.stopButton.hidden = !(status === "running" && report?.status === "running");
    this.statusLine.textContent = idle ? "Live · updates as new values come" : statusText(status, paused, elapsedMs, report, ran === undefined, workPaused);
  }

  /** Shows display()ed values at once, so a cell can measure or draw into an element it displayed. */
  showDisplayed(report: CellReport, ran: Cell | undefined, outline: CellOutline | undefined): void {
    this.output.render(report, ran, outline, "running");
  }

  setCurrent(current: boolean): void {
    if (current) this.showTools();
    toggle(this.element, "data-current", current);
  }

  focusEditor(at: "start" | "end" | "keep" = "keep"): void {
    this.actions.select(this.current.id);
    this.editor.focus(at);
  }

  focusCell(): void {
    this.element.focus();
    this.element.scrollIntoView({ block: "nearest" });
  }

  destroy(): void {
    this.shownEditor?.destroy();
    this.element.remove();
  }

  /** The code as plain text where the editor will be; pressing on it makes the editor there. */
  private showSource(cell: Cell): void {
    this.source ??= this.editorElement.appendChild(
      h("pre", { class: "cell-source", onmousedown: (event: MouseEvent) => (event.preventDefault(), this.focusEditor("end")) })
    );
    this.source.textContent = cell.value || placeholderFor(cell.mode);
    toggle(this.source, "data-empty", !cell.value);
  }
}

function sameRender(a: CellRender, b: CellRender): boolean {
  return a.report === b.report && a.ran === b.ran && a.requested === b.requested && a.outline === b.outline && a.status === b.status && a.paused === b.paused && a.idle === b.idle && a.elapsedMs === b.elapsedMs && a.workPaused === b.workPaused;
}

function toggle(element: HTMLElement, attribute: string, on: boolean): void {
  if (on) element.setAttribute(attribute, "");
  else element.removeAttribute(attribute);
}
