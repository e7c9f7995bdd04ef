// Resources follow invalidation: what a cell's run makes that holds memory (a tfjs model, a
// training) is released when that run is invalidated — the cell re-runs, is deleted, or the
// notebook closes. Nothing is collected from ambient state while a body runs: a builtin that makes
// such things is *run-scoped* (the kernel's `teach`), and each cell run gets its own instance, made
// for that run (define.ts), so what it makes after an `await` still belongs to the run.
//
// A helper defined in one cell and called by another builds for the calling cell: while a cell's
// own code runs (its body up to its first `await`, each step of a generator cell), that cell's run
// owns what any run-scoped instance makes, whichever cell the instance was made for.

/** Takes something a cell run made and releases it when the run is invalidated. */
export interface RunOwner {
  own(release: () => void): void;
}

// A registered symbol: the kernel's library and this module may be two copies in two bundles.
const FOR_RUN = Symbol.for("exemplar.for-run");

type ForRun<T> = (owner: RunOwner) => T;

/** Outside a cell run (a test, the editor's completion reading members) the caller keeps what it makes. */
const CALLER_OWNS: RunOwner = { own() {} };

/**
 * A builtin of which each cell run gets its own instance, made by `forRun` for that run's owner.
 * The value itself is an instance owned by whoever uses it outside a cell.
 */
export function runScoped<T extends object>(forRun: ForRun<T>): T {
  return Object.assign(forRun(CALLER_OWNS), { [FOR_RUN]: forRun });
}

/** The maker of per-run instances, if `value` is a run-scoped builtin. */
export function forRunOf(value: unknown): ForRun<unknown> | undefined {
  return (value !== null && typeof value === "object") || typeof value === "function" ? (value as { [FOR_RUN]?: ForRun<unknown> })[FOR_RUN] : undefined;
}

/** One run of a cell: what it owns is released when its `invalidation` resolves (at once if it has). */
export class CellRun implements RunOwner {
  private releases: (() => void)[] | undefined;
  private invalidated = false;

  constructor(private readonly invalidation: Promise<unknown>) {}

  own(release: () => void): void {
    if (this.invalidated) return releaseAll([release]);
    if (!this.releases) {
      this.releases = [];
      this.invalidation.then(() => {
        this.invalidated = true;
        releaseAll(this.releases!);
      });
    }
    this.releases.push(release);
  }
}

/** The runs of one runtime, and which cell's code is running now. */
export class CellRuns {
  private running: CellRun | undefined;

  /** Calls `body` as `run`'s code: what a helper from another cell makes meanwhile belongs to `run`. */
  during<T>(run: CellRun, body: () => T): T {
    const previous = this.running;
    this.running = run;
    try {
      return body();
    } finally {
      this.running = previous;
    }
  }

  /** The owner of what the instance made for `run` makes: the run whose code is running, else `run`. */
  ownerFor(run: CellRun): RunOwner {
    return { own: (release) => (this.running ?? run).own(release) };
  }
}

function releaseAll(releases: (() => void)[]): void {
  for (const release of releases.splice(0)) {
    try {
      release();
    } catch (error) {
      // A failed release must not stop the others, nor the cell's next run.
      console.warn("exemplar: releasing a cell's resource failed:", error);
    }
  }
}
