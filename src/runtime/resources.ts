// Resources follow invalidation: whatever a cell's run creates that needs releasing (a tfjs model,
// a timer) is released when that cell re-runs, is deleted, or the notebook closes. Library code
// (the teaching kit's model builders) registers a release function while a cell's body runs;
// define.ts collects them per run and calls them when the run's `invalidation` resolves.

let collecting: (() => void)[] | undefined;

/**
 * Releases `release` when the cell now running is invalidated. Returns false outside a cell's
 * synchronous body (then the caller keeps ownership).
 */
export function releaseOnInvalidation(release: () => void): boolean {
  if (!collecting) return false;
  collecting.push(release);
  return true;
}

/** Runs `body`, returning what it registered with releaseOnInvalidation. */
export function collectReleases<T>(body: () => T): { result: T; releases: (() => void)[] } {
  const previous = collecting;
  const releases: (() => void)[] = [];
  collecting = releases;
  try {
    return { result: body(), releases };
  } finally {
    collecting = previous;
  }
}

export function releaseAll(releases: (() => void)[]): void {
  for (const release of releases.splice(0)) {
    try {
      release();
    } catch (error) {
      // A failed release must not stop the others, nor the cell's next run.
      console.warn("exemplar: releasing a cell's resource failed:", error);
    }
  }
}
