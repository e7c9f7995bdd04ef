// What a kernel's client knows from its messages alone (kernel.ts): each cell's latest report and
// outline, the names the kernel provides, the backend in use, and when everything has settled.
// The page, the exported page and the CLI read a kernel through this, never through its runtime.
import type { CellOutline, Kernel, KernelMessage } from "./kernel.ts";
import type { CellEvent, CellReport } from "./notebook-runtime.ts";

export type ReportListener = (report: CellReport, event: CellEvent) => void;

export class KernelReports {
  private readonly reports = new Map<number, CellReport>();
  private readonly outlines = new Map<number, CellOutline>();
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
      const { report, event, outline } = message;
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
