// What a kernel's client knows from its messages alone (kernel.ts): each cell's latest report and
// outline, the names the kernel provides, the backend in use, and when everything has settled.
// The page, the exported page and the CLI read a kernel through this, never through its runtime.
import type { WorkClockReading } from "./define.ts";
import type { CellOutline, Kernel, KernelMessage } from "./kernel.ts";
import type { CellEvent, CellReport } from "./notebook-runtime.ts";

export type ReportListener = (report: CellReport, event: CellEvent) => void;

export class KernelReports {
  private readonly reports = new Map<number, CellReport>();
  private readonly outlines = new Map<number, CellOutline>();
  private readonly clocks = new Map<number, { reading: WorkClockReading; at: number }>();
  private readonly listeners = new Set<ReportListener>();
  private readonly settledWaiters = new Set<() => void>();
  private names: string[] = [];
  private backendName?: string;
  private readonly unsubscribe: () => void;

  constructor(readonly kernel: Kernel) {
    this.unsubscribe = kernel.subscribe((message) => this.receive(message));
  }

  report(id: number): CellReport | undefined {
    return this.reports.get(id);
  }

  /** the cell as the kernel compiled the version it runs */
  outline(id: number): CellOutline | undefined {
    return this.outlines.get(id);
  }

  /** a running training's own clock now: its time without pauses (read when its latest message came, running on since unless paused) */
  workClock(id: number): WorkClockReading | undefined {
    const clock = this.clocks.get(id);
    if (!clock) return undefined;
    const { reading, at } = clock;
    return reading.paused ? reading : { ms: reading.ms + performance.now() - at, paused: false };
  }

  get library(): readonly string[] {
    return this.names;
  }

  get backend(): string | undefined {
    return this.backendName;
  }

  /** listens to every cell's report as it changes */
  subscribe(listener: ReportListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get busy(): boolean {
    for (const report of this.reports.values()) if (report.status === "pending" || report.status === "running") return true;
    return false;
  }

  /**
   * Resolves once no cell is pending or running, and still none a moment later: a generator's last
   * value may still be flowing to the cells downstream of it.
   */
  settled(): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const check = () => {
        clearTimeout(timer);
        if (this.busy) return;
        timer = setTimeout(() => {
          if (this.busy) return;
          this.settledWaiters.delete(check);
          resolve();
        }, 10);
      };
      this.settledWaiters.add(check);
      check();
    });
  }

  /** stops listening (the kernel is disposed by its owner) */
  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private receive(message: KernelMessage): void {
    if (message.type === "library") this.names = message.names;
    else if (message.type === "backend") this.backendName = message.backend;
    else {
      const { report, event, outline, work } = message;
      if (work && event !== "deleted") this.clocks.set(report.id, { reading: work, at: performance.now() });
      else this.clocks.delete(report.id);
      if (event === "deleted") {
        this.reports.delete(report.id);
        this.outlines.delete(report.id);
      } else {
        this.reports.set(report.id, report);
        if (outline) this.outlines.set(report.id, outline);
        else this.outlines.delete(report.id);
      }
      for (const listener of this.listeners) listener(report, event);
    }
    for (const check of [...this.settledWaiters]) check();
  }
}
