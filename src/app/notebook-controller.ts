// The notebook page's parts, put together: the notebook's history (notebook-history.ts), what runs
// (run-control.ts, over the kernel contract), saving (notebook-saving.ts), the cells on the page
// (notebook-view.ts) and the toolbar. It owns the actions a cell, the keyboard, the toolbar and
// the widgets ask for, and hands each to the part that does it.
import type { Notebook } from "@observablehq/notebook-kit";
import type { NotebookAction } from "../notebook/reducer.ts";
import type { NotebookProblem } from "../notebook/validate.ts";
import type { Kernel } from "../runtime/kernel.ts";
import type { ValueRenderer, WidgetHost } from "../widgets/widget.ts";
import { BannerArea } from "./banners.ts";
import type { CellActions } from "./cell-view.ts";
import type { CellView } from "./cell-view.ts";
import { completionNames } from "./completion-names.ts";
import { h } from "./dom.ts";
import { loadEditors } from "./lazy-editor.ts";
import { NotebookHistory } from "./notebook-history.ts";
import { NotebookSaving } from "./notebook-saving.ts";
import { NotebookView } from "./notebook-view.ts";
import { RunBurst } from "./run-burst.ts";
import { RunControl } from "./run-control.ts";
import type { Saver, SaveState } from "./saver.ts";
import { Toolbar } from "./toolbar.ts";
import { createPageWidgetHost, type WidgetPage } from "./widget-host.ts";

export interface ControllerOptions {
  path: string;
  notebook: Notebook;
  version: string;
  /** this page load's id, which its draft of unsaved edits is kept under */
  load: string;
  createKernel: () => Kernel;
  serialize: (notebook: Notebook) => string;
  /** what saving the file as loaded would change beyond the person's edits: saving waits until they accept */
  warnings?: NotebookProblem[];
  /** whether the notebook runs on this page (a save then trusts what it wrote) */
  trusted?: () => boolean;
  /** the key trust is kept under for a version of the file (with its local modules) */
  trustKey?: (version: string) => string;
  /** shows values as widgets through this host; without it every value goes to the inspector */
  renderValue?: (host: WidgetHost) => ValueRenderer;
  /** opens the settings (the toolbar's Settings) */
  settings?: () => void;
  onSaveState?: (state: SaveState) => void;
}

export class NotebookController implements WidgetPage {
  readonly element: HTMLElement;
  readonly banners = new BannerArea();
  readonly run: RunControl;
  readonly saving: NotebookSaving;
  readonly widgetHost: WidgetHost;
  readonly cellActions: CellActions;
  private readonly history: NotebookHistory;
  private readonly cells: NotebookView;
  private readonly toolbar: Toolbar;
  private editorsWanted = false;
  private showOutputs!: () => void;
  /** Resolves once the first outputs have been painted: what may wait for them (editors, tfjs) then starts. */
  readonly outputsShown = new Promise<void>((resolve) => (this.showOutputs = resolve));
  private readonly burst = new RunBurst((ids) => {
    const cells = this.notebook.cells.filter((cell) => ids.has(cell.id));
    if (cells.length) this.run.run(cells, this.notebook.cells);
  });

  constructor(options: ControllerOptions) {
    this.history = new NotebookHistory(
      options.notebook,
      ({ structural }) => {
        this.cells.reconcile(this.notebook);
        if (structural) this.run.sync(this.notebook.cells);
        this.saver.track(this.notebook);
        this.cells.scheduleRender();
      },
      () => this.renderToolbar()
    );
    this.run = new RunControl(options.createKernel, () => this.cells.scheduleRender());
    this.saving = new NotebookSaving({ ...options, banners: this.banners, onChange: (state) => (options.onSaveState?.(state), this.renderToolbar()) });
    this.widgetHost = createPageWidgetHost(this, options.path);
    this.cellActions = this.createCellActions(options.renderValue?.(this.widgetHost));
    this.cells = new NotebookView(this.run, this.cellActions, () => this.notebook, () => this.rendered());
    setTimeout(() => (this.showOutputs(), this.wantEditors()), EDITORS_AT_THE_LATEST_MS);
    this.toolbar = new Toolbar({
      save: () => void this.save(),
      settings: () => options.settings?.(),
      runAll: () => this.run.run(this.notebook.cells, this.notebook.cells),
      runStale: () => this.run.runStale(this.notebook.cells),
      restart: () => this.restart(),
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
        this.banners.element,
        this.cells.element,
        h("div", { class: "add-cell" }, h("button", { type: "button", onclick: addAtEnd("js") }, "+ JavaScript"), h("button", { type: "button", onclick: addAtEnd("md") }, "+ Markdown")),
        h("p", { class: "hints" }, "Shift-Enter runs a cell and moves on · Ctrl/Cmd-Enter runs it · Esc, then ↑/↓ moves between cells, A/B adds one above/below · Ctrl/Cmd-Z undoes any edit · Ctrl/Cmd-S saves")
      )
    );
    this.cells.reconcile(this.notebook);
    this.saver.track(this.notebook);
    this.renderToolbar();
  }

  get notebook(): Notebook {
    return this.history.notebook;
  }

  get saver(): Saver {
    return this.saving.saver;
  }

  get selected(): number | undefined {
    return this.cells.selected;
  }

  view(id: number): CellView | undefined {
    return this.cells.view(id);
  }

  /** Runs every cell, as opening a notebook does. */
  start(): void {
    this.run.run(this.notebook.cells, this.notebook.cells);
  }

  /** A fresh kernel: every cell runs again (after a settings change, or the toolbar's Restart). */
  restart(): void {
    this.run.restart(this.notebook.cells);
  }

  /** The page's one save: Ctrl/Cmd-S anywhere and the Save button. */
  save(): Promise<void> {
    return this.saving.save();
  }

  dispatch(action: NotebookAction): void {
    this.history.dispatch(action);
  }

  /** A widget's edit: the new source now, as one undo step; the run once edits pause (run-burst.ts). */
  editSource(id: number, value: string): void {
    this.history.replaceSource(id, value);
    this.runSoon(id);
  }

  /** Runs the cell once widget edits pause (see run-burst.ts). */
  runSoon(id: number): void {
    this.burst.add(id);
  }

  ranVersion(id: number) {
    return this.run.ranVersion(id);
  }

  valueOf(id: number): unknown {
    return this.run.report(id)?.value;
  }

  addCell(at: number, mode: "js" | "md" = "js"): void {
    const id = this.history.addCell(at, mode);
    this.cells.view(id)?.focusEditor("start");
  }

  addCellAfterSelected(source: string): void {
    const index = this.selected === undefined ? -1 : this.history.indexOf(this.selected);
    const id = this.history.addCell(index >= 0 ? index + 1 : this.notebook.cells.length, "js", source);
    this.cellActions.run(id, false);
  }

  /** Names a cell can use: every cell's declarations and the kernel's library. */
  names(): string[] {
    return completionNames(this.notebook.cells, (id) => this.run.outline(id), this.run.library());
  }

  notice(message: string): void {
    this.banners.notice(message);
  }

  focusSibling(id: number, by: -1 | 1, into: "editor" | "cell"): boolean {
    return this.cells.focusSibling(id, by, into);
  }

  dispose(): void {
    this.burst.dispose();
    this.cells.dispose();
    this.run.dispose();
  }

  private createCellActions(renderValue: ValueRenderer | undefined): CellActions {
    return {
      edit: (id, value) => this.dispatch({ type: "edit", id, value, time: Date.now() }),
      run: (id, advance) => {
        const cell = this.history.cell(id);
        if (!cell) return;
        this.dispatch({ type: "seal" });
        this.run.run([cell], this.notebook.cells);
        if (advance) this.focusSibling(id, 1, "editor");
      },
      stop: (id) => this.run.stop(id),
      add: (id, where) => this.addCell(this.history.indexOf(id) + (where === "below" ? 1 : 0)),
      remove: (id) => {
        if (!this.focusSibling(id, 1, "cell")) this.focusSibling(id, -1, "cell");
        this.dispatch({ type: "delete", id });
      },
      move: (id, by) => {
        const focused = this.cells.view(id)?.editorHasFocus;
        this.dispatch({ type: "move", id, to: this.history.indexOf(id) + by });
        if (focused) this.cells.view(id)?.focusEditor();
      },
      setMode: (id, mode) => this.dispatch({ type: "set-mode", id, mode }),
      setPinned: (id, pinned) => this.dispatch({ type: "set-pinned", id, pinned }),
      focusSibling: (id, by, into) => void this.focusSibling(id, by, into),
      select: (id) => this.cells.select(id),
      undo: () => this.dispatch({ type: "undo" }),
      redo: () => this.dispatch({ type: "redo" }),
      save: () => void this.save(),
      names: { names: () => this.names(), value: (name) => this.run.value(name) },
      renderValue
    };
  }

  private renderToolbar(): void {
    this.toolbar.render({
      title: this.notebook.title,
      path: this.saver.path,
      save: this.saver.state,
      backend: this.run.backend(),
      autoRun: !this.run.isPaused,
      staleCount: this.run.staleRoots().length,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo
    });
  }

  /** After each render: the toolbar follows, and once outputs are painted the editors load (lazy-editor.ts). */
  private rendered(): void {
    this.renderToolbar();
    if (!this.editorsWanted && this.notebook.cells.some((cell) => this.cells.view(cell.id)?.hasOutput)) {
      requestAnimationFrame(() => this.showOutputs());
      void this.outputsShown.then(() => this.wantEditors());
    }
  }

  /** Loads the cells' editors: after the first outputs, or a second after opening at the latest. */
  private wantEditors(): void {
    if (this.editorsWanted) return;
    this.editorsWanted = true;
    void loadEditors();
  }
}

const EDITORS_AT_THE_LATEST_MS = 1000;
