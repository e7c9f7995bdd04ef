// Edits that come in bursts (plane clicks, table edits) run their cells once the burst pauses:
// EDIT_RUN_DELAY_MS after the last edit, and at the latest EDIT_RUN_MAX_WAIT_MS after the first, so
// four quick clicks restart a training once, not four times, and a steady stream still runs.

/** Widget-edited cells run once edits pause this long (ms). */
export const EDIT_RUN_DELAY_MS = 300;
const EDIT_RUN_MAX_WAIT_MS = 1000;

export class RunBurst {
  private readonly ids = new Set<number>();
  private timer?: ReturnType<typeof setTimeout>;
  private since?: number;

  /** `run` gets the ids added during the burst, once it pauses. */
  constructor(private readonly run: (ids: ReadonlySet<number>) => void) {}

  add(id: number): void {
    this.ids.add(id);
    this.since ??= performance.now();
    clearTimeout(this.timer);
    const wait = Math.min(EDIT_RUN_DELAY_MS, Math.max(0, this.since + EDIT_RUN_MAX_WAIT_MS - performance.now()));
    this.timer = setTimeout(() => {
      const ids = new Set(this.ids);
      this.ids.clear();
      this.since = undefined;
      this.run(ids);
    }, wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
