// What runs: the kernel (through its contract only, src/runtime/kernel.ts), the version of each
// cell it was last asked to run, and the paused mode in which runs wait (their cells and
// dependents marked stale) until "run stale" runs them at once. The typed text of a cell is the
// notebook's; a cell runs only when the person runs it. What the kernel reports is read here.
import type { Cell } from "@observablehq/notebook-kit";
import type { CellOutline, Kernel } from "../runtime/kernel.ts";
import { KernelReports, type ReportListener } from "../runtime/kernel-reports.ts";
import type { CellReport } from "../runtime/notebook-runtime.ts";
import type { WorkClockReading } from "../runtime/define.ts";

export class RunControl {
  private kernel: Kernel;
  private reports: KernelReports;
  private readonly ran = new Map<number, Cell>();
  private readonly queued = new Map<number, Cell>();
  private readonly listeners = new Set<ReportListener>();
  private unsubscribe: () => void;
  private paused = false;
  private refuse?: () => void;

  constructor(
    private readonly createKernel: () => Kernel,
    private readonly onChange: () => void
  ) {
    this.kernel = createKernel();
    this.reports = new KernelReports(this.kernel);
    this.unsubscribe = this.forward();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  backend(): string | undefined {
    return this.reports.backend;
  }

  /** the kernel's latest report of the cell */
  report(id: number): CellReport | undefined {
    return this.reports.report(id);
  }

  /** the cell as the kernel compiled the version it runs */
  /** a running training's own clock (pauses excluded), for the cell's footer */
  workClock(id: number): WorkClockReading | undefined {
    return this.reports.workClock(id);
  }

  outline(id: number): CellOutline | undefined {
    return this.reports.outline(id);
  }

  /** names every cell can use without defining them (the kernel's library) */
  library(): readonly string[] {
    return this.reports.library;
  }

  /** the current value of a name in the kernel */
  value(name: string): Promise<unknown> {
    return this.kernel.value(name);
  }

  /** resolves once no cell is pending or running */
  settled(): Promise<void> {
    return this.reports.settled();
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

  subscribe(listener: ReportListener): () => void {
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
    for (const cell of [...cells].reverse()) this.kernel.send({ type: "define", cell, rerun: true });
    this.sync(notebook);
  }

  /** Makes the kernel hold exactly the run versions of the notebook's cells (after delete, undo, move). */
  sync(notebook: Cell[]): void {
    this.kernel.send({ type: "load", cells: notebook.flatMap((cell) => this.ran.get(cell.id) ?? []) });
    for (const id of this.queued.keys()) if (!notebook.some((cell) => cell.id === id)) this.queued.delete(id);
    this.onChange();
  }

  stop(id: number): void {
    this.kernel.send({ type: "stop", id });
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
    this.close();
    this.kernel = this.createKernel();
    this.reports = new KernelReports(this.kernel);
    this.unsubscribe = this.forward();
    this.sync(notebook);
  }

  dispose(): void {
    this.close();
    this.listeners.clear();
  }

  private close(): void {
    this.unsubscribe();
    this.reports.close();
    this.kernel.send({ type: "dispose" });
  }

  private forward(): () => void {
    return this.reports.subscribe((report, event) => {
      for (const listener of this.listeners) listener(report, event);
    });
  }
}
