// How long a run has worked: wall time since it began, less the time it spent paused, frozen once
// it ends. One clock read by the training panel and by the cell's footer, so they agree.
export class WorkClock {
  private readonly began = performance.now();
  private pausedMs = 0;
  private pausedAt?: number;
  private stoppedAt?: number;

  get ms(): number {
    const now = this.stoppedAt ?? this.pausedAt ?? performance.now();
    return now - this.began - this.pausedMs;
  }

  pause(): void {
    if (this.stoppedAt === undefined) this.pausedAt ??= performance.now();
  }

  resume(): void {
    if (this.pausedAt === undefined) return;
    this.pausedMs += performance.now() - this.pausedAt;
    this.pausedAt = undefined;
  }

  stop(): void {
    this.resume();
    this.stoppedAt ??= performance.now();
  }
}
