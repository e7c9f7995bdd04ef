// Which tfjs backend trains a model fastest depends on the model and its data: a GPU is ~30×
// slower than the CPU on a lesson's tiny MLP (dispatch-bound) and ~28× faster on a wide one. So
// the backend is chosen by timing real training steps; this module is the pure part of that:
// the decision, the cache key and the line a person reads.

export interface BackendTiming {
  backend: string;
  /** milliseconds per training step (one batch: forward, backward, update), in the least disturbed round */
  msPerStep: number;
  /** timed steps behind the figure */
  steps: number;
  /** only warm-up steps were timed: it was already 3× slower than another backend */
  warmOnly?: boolean;
  /** one-time milliseconds its first steps took beyond steady ones (a GPU compiling its shaders) */
  setupMs?: number;
  /** why this backend could not be timed (it then has msPerStep NaN) */
  error?: string;
}

export interface BackendChoice {
  backend: string;
  /** where it trains: in the page (between frames) or in a Web Worker; the page when absent */
  trainer?: "page" | "worker";
  /** why it trains where it does, when a person should know (a model a worker cannot build) */
  note?: string;
  /** measured now, reused from an earlier measurement of the same shapes, or pinned by the notebook or CLI */
  reason: "measured" | "cached" | "pinned";
  timings: BackendTiming[];
  /** milliseconds spent measuring (0 when cached or pinned) */
  measureMs: number;
  /** e.g. "wasm: 1.9 ms/step, cpu: 2.4 ms/step → wasm" */
  summary: string;
}

/** The shapes that decide a step's cost: what a cached choice is keyed by. */
export interface TrainingShape {
  /** every trainable weight's shape, in order */
  weightShapes: number[][];
  batchSize: number;
  examples: number;
  /** the epochs asked for: with them the choice weighs one-time setup against the whole training */
  epochs?: number;
}

/**
 * Moving a notebook's tensors to another backend costs a copy each, so the current backend is kept
 * when it is within `keepWithin` of the fastest (which keeps the choice within 1.1× of the best).
 * Given the training's `steps`, a backend's one-time setup (shader compilation) counts against
 * them: a GPU that compiles for two seconds loses a training that takes one second elsewhere.
 */
export function chooseFastest(timings: BackendTiming[], current?: string, keepWithin = 1.05, steps?: number): string | undefined {
  const timed = timings.filter((timing) => Number.isFinite(timing.msPerStep) && timing.msPerStep > 0);
  if (!timed.length) return undefined;
  const cost = (timing: BackendTiming) => (steps ? (timing.setupMs ?? 0) + timing.msPerStep * steps : timing.msPerStep);
  const fastest = timed.reduce((best, timing) => (cost(timing) < cost(best) ? timing : best));
  const kept = timed.find((timing) => timing.backend === current);
  return kept && cost(kept) <= cost(fastest) * keepWithin ? kept.backend : fastest.backend;
}

/** The steps a training of `examples` in batches of `batchSize` takes over `epochs`. */
export function trainingSteps({ examples, batchSize, epochs = 1 }: Pick<TrainingShape, "examples" | "batchSize" | "epochs">): number {
  return Math.ceil(examples / Math.max(1, batchSize)) * epochs;
}

/** Same weight shapes, batch size, and data size (and steps, given epochs) within a factor of two: the same choice. */
export function trainingShapeKey({ weightShapes, batchSize, examples, epochs }: TrainingShape): string {
  const dataScale = Math.round(Math.log2(Math.max(1, examples)));
  const stepScale = epochs ? `|~2^${Math.round(Math.log2(trainingSteps({ examples, batchSize, epochs })))} steps` : "";
  return `${weightShapes.map((shape) => shape.join("x")).join(",")}|batch ${batchSize}|~2^${dataScale} examples${stepScale}`;
}

export function formatMsPerStep(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s/step`;
  return `${ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2)} ms/step`;
}

/**
 * "wasm: 1.9 ms/step, cpu: 2.4 ms/step → wasm", with "(pinned)" or "(cached)" when not measured now,
 * "~" before a figure from warm-up steps alone (a backend dropped early as far slower), a GPU's
 * one-time setup ("+1.4 s setup") and " in a worker" when it trains off the page's thread.
 */
export function describeChoice(backend: string, reason: BackendChoice["reason"], timings: BackendTiming[], trainer?: BackendChoice["trainer"]): string {
  const setup = (timing: BackendTiming) => ((timing.setupMs ?? 0) >= 100 ? ` +${(timing.setupMs! / 1000).toFixed(1)} s setup` : "");
  const parts = timings.map((timing) => `${timing.backend}: ${timing.error ? `failed (${timing.error})` : `${timing.warmOnly ? "~" : ""}${formatMsPerStep(timing.msPerStep)}${setup(timing)}`}`);
  const where = trainer === "worker" ? " in a worker" : "";
  const tail = reason === "measured" ? "" : ` (${reason})`;
  return parts.length ? `${parts.join(", ")} → ${backend}${where}${tail}` : `${backend}${where}${tail}`;
}
