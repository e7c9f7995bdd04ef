// The cells on the page: one CellView per cell, kept in document order, the current (selected)
// cell, and rendering. Reports arrive per variable and per generator value; the view renders once
// per animation frame, and only the cells whose report, status or version changed. Editors are
// made when a cell comes near the viewport (or is focused), so opening a notebook of a thousand
// cells builds a handful of editors, not a thousand.
import type { Cell, Notebook } from "@observablehq/notebook-kit";
import { downstreamCells, type CellShape } from "../runtime/topology.ts";
import { deriveStatuses } from "./cell-status.ts";
import { CellView, type CellActions } from "./cell-view.ts";
import { h } from "./dom.ts";
import type { RunControl } from "./run-control.ts";

/** A running generator quiet this long is waiting for events (an input), not working. */
const IDLE_AFTER_MS = 1000;
/** From this many cells on, cells off screen skip layout (see cell.css). */
const MANY_CELLS = 100;
/** Editors are made for cells within half a viewport above or below the visible part. */
const EDITOR_MARGIN = "50% 0px";

export class NotebookView {
  readonly element = h("div", { class: "cells" });
  private readonly views = new Map<number, CellView>();
  private readonly runStarts = new Map<number, number>();
  private readonly lastValueAt = new Map<number, number>();
  private readonly nearViewport?: IntersectionObserver;
  private current?: number;
  private frame?: number;
  private ticker?: ReturnType<typeof setInterval>;

  constructor(
    private readonly run: RunControl,
    private readonly actions: CellActions,
    private readonly notebook: () => Notebook,
    /** after each render: the page's toolbar follows */
    private readonly onRendered: () => void
  ) {
    run.subscribe((report, event) => {
      if (event !== "pending") this.lastValueAt.set(report.id, performance.now());
      if (event === "displayed") this.views.get(report.id)?.showDisplayed(report, this.run.ranVersion(report.id), this.run.outline(report.id));
      this.scheduleRender();
    });
    // Without IntersectionObserver (jsdom), every editor is made at once.
    if (typeof IntersectionObserver === "function") {
      this.nearViewport = new IntersectionObserver((entries) => this.showEditors(entries), { rootMargin: EDITOR_MARGIN });
    }
  }

  view(id: number): CellView | undefined {
    return this.views.get(id);
  }

  get selected(): number | undefined {
    return this.current;
  }

  select(id: number | undefined): void {
    if (id === this.current) return;
    this.views.get(this.current!)?.setCurrent(false);
    this.current = id;
    if (id !== undefined) this.views.get(id)?.setCurrent(true);
  }

  /** Moves the focus to the cell `by` away from `id`, into its editor or onto the cell; false if there is none. */
  focusSibling(id: number, by: -1 | 1, into: "editor" | "cell"): boolean {
    const { cells } = this.notebook();
    const target = cells[cells.findIndex((cell) => cell.id === id) + by];
    const view = target && this.views.get(target.id);
    if (!view) return false;
    if (into === "editor") view.focusEditor(by < 0 ? "end" : "start");
    else view.focusCell();
    return true;
  }

  /** Makes the views match the notebook: new cells get a view, changed ones update, gone ones go. */
  reconcile(notebook: Notebook): void {
    const seen = new Set<number>();
    let previous: Element | null = null;
    for (const cell of notebook.cells) {
      seen.add(cell.id);
      let view = this.views.get(cell.id);
      if (!view) {
        this.views.set(cell.id, (view = new CellView(cell, this.actions)));
        if (this.nearViewport) this.nearViewport.observe(view.element);
        else view.showEditor();
      } else view.update(cell);
      view.setCurrent(cell.id === this.current);
      const expected: Element | null = previous ? previous.nextElementSibling : this.element.firstElementChild;
      if (expected !== view.element) this.element.insertBefore(view.element, expected);
      previous = view.element;
    }
    for (const [id, view] of this.views) {
      if (seen.has(id)) continue;
      this.nearViewport?.unobserve(view.element);
      view.destroy();
      this.views.delete(id);
    }
    this.element.toggleAttribute("data-many", this.views.size > MANY_CELLS);
  }

  scheduleRender(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.render(this.notebook().cells);
    });
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.nearViewport?.disconnect();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
  }

  private render(cells: Cell[]): void {
    const { run } = this;
    const shapes: CellShape[] = cells.map((cell) => run.outline(cell.id) ?? { id: cell.id, defines: [], inputs: [] });
    const reports = new Map(cells.flatMap((cell) => run.report(cell.id) ?? []).map((report) => [report.id, report]));
    const roots = run.staleRoots();
    const shown = new Set(cells.filter((cell) => this.views.get(cell.id)?.hasOutput).map((cell) => cell.id));
    const statuses = deriveStatuses({ shapes, reports, shown, staleRoots: roots });
    const paused = roots.length ? new Set([...roots, ...downstreamCells(shapes, roots)]) : new Set<number>();
    const now = performance.now();
    let working = false;
    for (const cell of cells) {
      const status = statuses.get(cell.id)!;
      const report = reports.get(cell.id);
      const quiet = now - (this.lastValueAt.get(cell.id) ?? now);
      if (status !== "running") this.runStarts.delete(cell.id);
      else if (!this.runStarts.has(cell.id)) this.runStarts.set(cell.id, now);
      // A training keeps its own clock: the footer then shows its time without pauses, as its panel does.
      const clock = status === "running" ? run.workClock(cell.id) : undefined;
      const idle = status === "running" && report?.status === "running" && quiet > IDLE_AFTER_MS && !clock;
      working ||= status === "running" && !idle && !clock?.paused;
      this.views.get(cell.id)?.render({
        report,
        idle,
        ran: run.ranVersion(cell.id),
        requested: run.requestedVersion(cell.id),
        outline: run.outline(cell.id),
        status,
        paused: paused.has(cell.id),
        elapsedMs: clock?.ms ?? (this.runStarts.has(cell.id) ? now - this.runStarts.get(cell.id)! : undefined),
        workPaused: clock?.paused
      });
    }
    // While something runs, tick so its elapsed time keeps counting.
    if (working && !this.ticker) this.ticker = setInterval(() => this.scheduleRender(), 250);
    if (!working && this.ticker) this.ticker = void clearInterval(this.ticker);
    this.onRendered();
  }

  private showEditors(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      this.nearViewport!.unobserve(entry.target);
      const id = Number((entry.target as HTMLElement).dataset.cellId);
      this.views.get(id)?.showEditor();
    }
  }
}
