// What runs: the kernel, the version of each cell it was last asked to run, and the paused mode in
// which runs wait (their cells and dependents marked stale) until "run stale" runs them at once.
// The typed text of a cell is the notebook's; a cell runs only when the person runs it.
import type { Cell } from "@observablehq/notebook-kit";
import type { Kernel } from "../runtime/kernel.ts";
import type { CellListener } from "../runtime/notebook-runtime.ts";

export class RunControl {
  private kernel: Kernel;
  private readonly ran = new Map<number, Cell>();
  private readonly queued = new Map<number, Cell>();
  private readonly listeners = new Set<CellListener>();
  private unsubscribe: () => void;
  private paused = false;
  private refuse?: () => void;

  constructor(
    private readonly createKernel: () => Kernel,
    private readonly onChange: () => void
  ) {
    this.kernel = createKernel();
    this.unsubscribe = this.forward();
  }

  get runtime() {
    return this.kernel.runtime;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  backend(): string | undefined {
    return this.kernel.backend();
  }

  /** The version of the cell the kernel runs (undefined for a cell never run). */
  ranVersion(id: number): Cell | undefined {
    return this.ran.get(id);
  }

  /** The version the person last asked to run: queued while paused, else the one the kernel runs. */
  requestedVersion(id: number): Cell | undefined {
    return this.queued.get(id) ?? this.ran.get(id);
  }

  /** Cells run while paused, waiting for "run stale". */
  staleRoots(): number[] {
    return [...this.queued.keys()];
  }

  subscribe(listener: CellListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Refuses every run until released, calling `onRefused` instead (a notebook not trusted yet). */
  hold(onRefused: () => void): void {
    this.refuse = onRefused;
  }

  release(): void {
    this.refuse = undefined;
  }

  /** Runs these cells (even unchanged ones) and, through the runtime, everything downstream. */
  run(cells: Cell[], notebook: Cell[]): void {
    if (this.refuse) return this.refuse();
    if (this.paused) {
      for (const cell of cells) this.queued.set(cell.id, cell);
      this.onChange();
      return;
    }
    for (const cell of cells) {
      this.ran.set(cell.id, cell);
      this.queued.delete(cell.id);
    }
    // Reverse document order: the runtime starts the last defined first (see setCells).
    for (const cell of [...cells].reverse()) this.kernel.runtime.define(cell, true);
    this.sync(notebook);
  }

  /** Makes the kernel hold exactly the run versions of the notebook's cells (after delete, undo, move). */
  sync(notebook: Cell[]): void {
    this.kernel.load(notebook.flatMap((cell) => this.ran.get(cell.id) ?? []));
    for (const id of this.queued.keys()) if (!notebook.some((cell) => cell.id === id)) this.queued.delete(id);
    this.onChange();
  }

  stop(id: number): boolean {
    return this.kernel.runtime.stop(id);
  }

  setPaused(paused: boolean, notebook: Cell[]): void {
    if (this.paused === paused) return;
    this.paused = paused;
    if (!paused) this.runStale(notebook);
    else this.onChange();
  }

  /** Runs every cell run while paused, at once: each dependent re-runs only once. */
  runStale(notebook: Cell[]): void {
    const cells = notebook.filter((cell) => this.queued.has(cell.id)).map((cell) => this.queued.get(cell.id)!);
    this.queued.clear();
    const paused = this.paused;
    this.paused = false;
    this.run(cells, notebook);
    this.paused = paused;
  }

  /** A fresh kernel (new runtime, every cell re-run), the old one stopped and freed. */
  restart(notebook: Cell[]): void {
    this.unsubscribe();
    this.kernel.dispose();
    this.kernel = this.createKernel();
    this.unsubscribe = this.forward();
    this.sync(notebook);
  }

  dispose(): void {
    this.unsubscribe();
    this.kernel.dispose();
    this.listeners.clear();
  }

  private forward(): () => void {
    return this.kernel.runtime.subscribe((report, event) => {
      for (const listener of this.listeners) listener(report, event);
    });
  }
}
