// The notebook page's core: the notebook's history (changed only through the reducer), a view per
// cell kept in document order, what runs (RunControl), and saving (Saver). It renders cell
// statuses once per animation frame however many reports the runtime sends.
import type { Notebook } from "@observablehq/notebook-kit";
import { canRedo, canUndo } from "../notebook/history.ts";
import { indexOfCell, nextCellId, notebookReducer, startNotebook, type NotebookAction, type NotebookState } from "../notebook/reducer.ts";
import type { Kernel } from "../runtime/kernel.ts";
import { downstreamCells } from "../runtime/topology.ts";
import { deriveStatuses } from "./cell-status.ts";
import { CellView, type CellActions } from "./cell-view.ts";
import { compiledOf, shapeOf } from "./compiled.ts";
import { h } from "./dom.ts";
import { loadEditors } from "./lazy-editor.ts";
import { RunControl } from "./run-control.ts";
import { Saver, type SaveState } from "./saver.ts";
import { Toolbar, type ToolbarActions } from "./toolbar.ts";
import { RunBurst } from "./run-burst.ts";

export interface ControllerOptions {
  path: string;
  notebook: Notebook;
  version: string;
  /** this page load's id, which its draft of unsaved edits is kept under */
  load: string;
  createKernel: () => Kernel;
  serialize: (notebook: Notebook) => string;
  onSaveState: (state: SaveState) => void;
  /** awaited after each write of the file, before the page reads as saved */
  onWritten?: (path: string, version: string) => Promise<void>;
  cellActions: (controller: NotebookController) => Partial<CellActions>;
  toolbarActions: (controller: NotebookController) => Pick<ToolbarActions, "save" | "settings">;
}

export class NotebookController {
  readonly element: HTMLElement;
  readonly banners = h("div", { class: "banners" });
  readonly run: RunControl;
  readonly saver: Saver;
  private state: NotebookState;
  private readonly views = new Map<number, CellView>();
  private readonly cellsElement = h("div", { class: "cells" });
  private readonly toolbar: Toolbar;
  private readonly actions: CellActions;
  private readonly runStarts = new Map<number, number>();
  private readonly lastValueAt = new Map<number, number>();
  private current?: number;
  private nextId: number;
  private frame?: number;
  private ticker?: ReturnType<typeof setInterval>;
  private editorsWanted = false;
  private showOutputs!: () => void;
  /** Resolves once the first outputs have been painted: what may wait for them (editors, tfjs) then starts. */
  readonly outputsShown = new Promise<void>((resolve) => (this.showOutputs = resolve));
  private readonly burst = new RunBurst((ids) => {
    const cells = this.notebook.cells.filter((cell) => ids.has(cell.id));
    if (cells.length) this.run.run(cells, this.notebook.cells);
  });

  constructor(private readonly options: ControllerOptions) {
    this.state = startNotebook(options.notebook);
    this.nextId = nextCellId(options.notebook);
    this.run = new RunControl(options.createKernel, () => this.scheduleRender());
    this.run.subscribe((report, event) => {
      if (event !== "pending") this.lastValueAt.set(report.id, performance.now());
      if (event === "displayed") this.showDisplayed(report.id);
      this.scheduleRender();
    });
    setTimeout(() => (this.showOutputs(), this.wantEditors()), EDITORS_AT_THE_LATEST_MS);
    this.saver = new Saver({ ...options, onChange: (state) => (options.onSaveState(state), this.renderToolbar()) });
    this.actions = { ...this.defaultCellActions(), ...options.cellActions(this) };
    this.toolbar = new Toolbar({
      ...options.toolbarActions(this),
      runAll: () => this.run.run(this.notebook.cells, this.notebook.cells),
      runStale: () => this.run.runStale(this.notebook.cells),
      restart: () => this.run.restart(this.notebook.cells),
      setAutoRun: (on) => this.run.setPaused(!on, this.notebook.cells),
      undo: () => this.dispatch({ type: "undo" }),
      redo: () => this.dispatch({ type: "redo" })
    });
    const addAtEnd = (mode: "js" | "md") => () => this.addCell(this.notebook.cells.length, mode);
    this.element = h(
      "div",
      { class: "notebook-page" },
      this.toolbar.element,
      h(
        "main",
        { class: "notebook" },
        this.banners,
        this.cellsElement,
        h("div", { class: "add-cell" }, h("button", { type: "button", onclick: addAtEnd("js") }, "+ JavaScript"), h("button", { type: "button", onclick: addAtEnd("md") }, "+ Markdown")),
        h("p", { class: "hints" }, "Shift-Enter runs a cell and moves on · Ctrl/Cmd-Enter runs it · Esc, then ↑/↓ moves between cells, A/B adds one above/below · Ctrl/Cmd-Z undoes any edit · Ctrl/Cmd-S saves")
      )
    );
    this.reconcile();
    this.saver.track(this.notebook);
    this.renderToolbar();
  }

  get notebook(): Notebook {
    return this.state.present;
  }

  get cellActions(): CellActions {
    return this.actions;
  }

  view(id: number): CellView | undefined {
    return this.views.get(id);
  }

  /** Runs every cell, as opening a notebook does. */
  start(): void {
    this.run.run(this.notebook.cells, this.notebook.cells);
  }

  dispatch(action: NotebookAction): void {
    const before = this.state.present;
    this.state = notebookReducer(this.state, action);
    if (this.state.present === before) return this.renderToolbar();
    this.reconcile();
    const structure = (notebook: Notebook) => notebook.cells.map((cell) => cell.id).join(",");
    if (structure(before) !== structure(this.notebook)) this.run.sync(this.notebook.cells);
    this.saver.track(this.notebook);
    this.scheduleRender();
  }

  /**
   * Replaces a cell's source as one undoable edit and runs it: how widgets in an output (an
   * examples table, a drawing pad) change the notebook, exactly as typing and Shift-Enter would.
   */
  editCell(id: number, value: string): void {
    this.replaceSource(id, value);
    const cell = this.notebook.cells.find((candidate) => candidate.id === id);
    if (cell) this.run.run([cell], this.notebook.cells);
  }

  /** editCell for edits that come in bursts (plane clicks, table edits): the edit now, the run via runSoon. */
  editCellSoon(id: number, value: string): void {
    this.replaceSource(id, value);
    this.runSoon(id);
  }

  private replaceSource(id: number, value: string): void {
    this.dispatch({ type: "seal" });
    this.dispatch({ type: "edit", id, value });
    this.dispatch({ type: "seal" });
  }

  /** Runs the cell once widget edits pause (see run-burst.ts). */
  runSoon(id: number): void {
    this.burst.add(id);
  }

  addCell(at: number, mode: "js" | "md" = "js"): void {
    this.nextId = Math.max(this.nextId, nextCellId(this.notebook));
    const id = this.nextId++;
    this.dispatch({ type: "add", at, cell: { id, mode, value: "" } });
    this.views.get(id)?.focusEditor("start");
  }

  select(id: number | undefined): void {
    if (id === this.current) return;
    this.views.get(this.current!)?.setCurrent(false);
    this.current = id;
    if (id !== undefined) this.views.get(id)?.setCurrent(true);
  }

  get selected(): number | undefined {
    return this.current;
  }

  focusSibling(id: number, by: -1 | 1, into: "editor" | "cell"): boolean {
    const target = this.notebook.cells[indexOfCell(this.notebook, id) + by];
    const view = target && this.views.get(target.id);
    if (!view) return false;
    if (into === "editor") view.focusEditor(by < 0 ? "end" : "start");
    else view.focusCell();
    return true;
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.burst.dispose();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.run.dispose();
  }

  private defaultCellActions(): CellActions {
    return {
      edit: (id, value) => this.dispatch({ type: "edit", id, value, time: Date.now() }),
      run: (id, advance) => {
        const cell = this.notebook.cells.find((candidate) => candidate.id === id);
        if (!cell) return;
        this.dispatch({ type: "seal" });
        this.run.run([cell], this.notebook.cells);
        if (advance) this.focusSibling(id, 1, "editor");
      },
      stop: (id) => this.run.stop(id),
      add: (id, where) => this.addCell(indexOfCell(this.notebook, id) + (where === "below" ? 1 : 0)),
      remove: (id) => {
        if (!this.focusSibling(id, 1, "cell")) this.focusSibling(id, -1, "cell");
        this.dispatch({ type: "delete", id });
      },
      move: (id, by) => {
        const focused = this.views.get(id)?.editor.hasFocus;
        this.dispatch({ type: "move", id, to: indexOfCell(this.notebook, id) + by });
        if (focused) this.views.get(id)?.focusEditor();
      },
      setMode: (id, mode) => this.dispatch({ type: "set-mode", id, mode }),
      setPinned: (id, pinned) => this.dispatch({ type: "set-pinned", id, pinned }),
      focusSibling: (id, by, into) => void this.focusSibling(id, by, into),
      select: (id) => this.select(id),
      undo: () => this.dispatch({ type: "undo" }),
      redo: () => this.dispatch({ type: "redo" }),
      save: () => undefined,
      names: { names: () => this.names(), value: (name) => this.run.runtime.value(name) }
    };
  }

  /** Names a cell can use: every cell's declarations and the builtins. */
  private names(): string[] {
    const declared = this.notebook.cells.flatMap((cell) => shapeOf(this.run.ranVersion(cell.id) ?? cell).defines);
    return [...new Set([...declared, ...BUILTIN_NAMES])].sort();
  }

  private reconcile(): void {
    const seen = new Set<number>();
    let previous: Element | null = null;
    for (const cell of this.notebook.cells) {
      seen.add(cell.id);
      let view = this.views.get(cell.id);
      if (!view) this.views.set(cell.id, (view = new CellView(cell, this.actions)));
      else view.update(cell);
      view.setCurrent(cell.id === this.current);
      const expected: Element | null = previous ? previous.nextElementSibling : this.cellsElement.firstElementChild;
      if (expected !== view.element) this.cellsElement.insertBefore(view.element, expected);
      previous = view.element;
    }
    for (const [id, view] of this.views) {
      if (seen.has(id)) continue;
      view.destroy();
      this.views.delete(id);
    }
  }

  private showDisplayed(id: number): void {
    const report = this.run.runtime.report(id);
    const ran = this.run.ranVersion(id);
    if (report && ran) this.views.get(id)?.showDisplayed(report, ran, compiledOf(ran));
  }

  /** Loads the cells' editors (lazy-editor.ts): after the first outputs, or a second after opening at the latest. */
  private wantEditors(): void {
    if (this.editorsWanted) return;
    this.editorsWanted = true;
    void loadEditors();
  }

  private scheduleRender(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.render();
    });
  }

  private render(): void {
    const cells = this.notebook.cells;
    const ran = new Map(cells.map((cell) => [cell.id, this.run.ranVersion(cell.id)]));
    const shapes = cells.map((cell) => (ran.get(cell.id) ? shapeOf(ran.get(cell.id)!) : { id: cell.id, defines: [], inputs: [] }));
    const reports = new Map(this.run.runtime.reports().map((report) => [report.id, report]));
    const roots = this.run.staleRoots();
    const shown = new Set(cells.filter((cell) => this.views.get(cell.id)?.hasOutput).map((cell) => cell.id));
    const statuses = deriveStatuses({ shapes, reports, shown, staleRoots: roots });
    const paused = new Set([...roots, ...downstreamCells(shapes, roots)]);
    const now = performance.now();
    let working = false;
    for (const cell of cells) {
      const status = statuses.get(cell.id)!;
      const version = ran.get(cell.id);
      const report = reports.get(cell.id);
      const quiet = now - (this.lastValueAt.get(cell.id) ?? now);
      if (status !== "running") this.runStarts.delete(cell.id);
      else if (!this.runStarts.has(cell.id)) this.runStarts.set(cell.id, now);
      const idle = status === "running" && report?.status === "running" && quiet > IDLE_AFTER_MS;
      working ||= status === "running" && !idle;
      this.views.get(cell.id)?.render({
        report,
        idle,
        ran: version,
        requested: this.run.requestedVersion(cell.id),
        compiled: version && compiledOf(version),
        status,
        paused: paused.has(cell.id),
        elapsedMs: this.runStarts.has(cell.id) ? now - this.runStarts.get(cell.id)! : undefined
      });
    }
    // Outputs are painted at the end of this frame; the editors load after that (they are not needed to show them).
    if (!this.editorsWanted && cells.some((cell) => this.views.get(cell.id)?.hasOutput)) {
      requestAnimationFrame(() => this.showOutputs());
      void this.outputsShown.then(() => this.wantEditors());
    }
    // While something runs, tick so its elapsed time keeps counting.
    if (working && !this.ticker) this.ticker = setInterval(() => this.scheduleRender(), 250);
    if (!working && this.ticker) this.ticker = void clearInterval(this.ticker);
    this.renderToolbar();
  }

  private renderToolbar(): void {
    this.toolbar.render({
      title: this.notebook.title,
      path: this.saver.path,
      save: this.saver.state,
      backend: this.run.backend(),
      autoRun: !this.run.isPaused,
      staleCount: this.run.staleRoots().length,
      canUndo: canUndo(this.state),
      canRedo: canRedo(this.state)
    });
  }
}

/** A running generator quiet this long is waiting for events (an input), not working. */
const IDLE_AFTER_MS = 1000;
const EDITORS_AT_THE_LATEST_MS = 1000;

const BUILTIN_NAMES = ["tf", "teach", "dfd", "tfvis", "Inputs", "Plot", "d3", "htl", "svg", "md", "html", "display", "view", "width", "invalidation", "now", "Generators", "Mutable", "FileAttachment", "Promises"];
