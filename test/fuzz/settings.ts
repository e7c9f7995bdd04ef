// Fuzz settings shared by the suites: a seed (random unless FUZZ_SEED gives one) printed with any
// failure so the run can be replayed, and a case count FUZZ_RUNS can raise.
import fc from "fast-check";

export interface FuzzSettings {
  seed: number;
  numRuns: number;
  /** FUZZ_PATH replays one shrunk case, as fast-check's failure report names it */
  path?: string;
}

export function fuzzSettings(defaultRuns: number): FuzzSettings {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0;
  const numRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : defaultRuns;
  return { seed, numRuns, path: process.env.FUZZ_PATH || undefined };
}

/** Runs the property; a failure names the seed, the path and the command that replays it. */
export async function assertFuzz<T>(name: string, settings: FuzzSettings, property: fc.IAsyncProperty<T>, timeLimitMs: number): Promise<void> {
  try {
    await fc.assert(property, {
      seed: settings.seed,
      numRuns: settings.numRuns,
      path: settings.path,
      // Shrinking a slow case could take long: stop shrinking (not the report) after the limit.
      interruptAfterTimeLimit: timeLimitMs,
      markInterruptAsFailure: false
    });
  } catch (error) {
    const path = /path: "([^"]*)"/.exec(String((error as Error).message))?.[1];
    const replay = `FUZZ_SEED=${settings.seed}${path ? ` FUZZ_PATH=${path}` : ""} npx vitest run test/fuzz`;
    console.error(`${name} failed (seed ${settings.seed}); replay it with: ${replay}`);
    throw error;
  }
}
