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
  /** why this backend could not be timed (it then has msPerStep NaN) */
  error?: string;
}

export interface BackendChoice {
  backend: string;
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
}

/**
 * Moving a notebook's tensors to another backend costs a copy each, so the current backend is kept
 * when it is within `keepWithin` of the fastest (which keeps the choice within 1.1× of the best).
 */
export function chooseFastest(timings: BackendTiming[], current?: string, keepWithin = 1.05): string | undefined {
  const timed = timings.filter((timing) => Number.isFinite(timing.msPerStep) && timing.msPerStep > 0);
  if (!timed.length) return undefined;
  const fastest = timed.reduce((best, timing) => (timing.msPerStep < best.msPerStep ? timing : best));
  const kept = timed.find((timing) => timing.backend === current);
  return kept && kept.msPerStep <= fastest.msPerStep * keepWithin ? kept.backend : fastest.backend;
}

/** Same weight shapes, batch size and data size within a factor of two: the same choice. */
export function trainingShapeKey({ weightShapes, batchSize, examples }: TrainingShape): string {
  const dataScale = Math.round(Math.log2(Math.max(1, examples)));
  return `${weightShapes.map((shape) => shape.join("x")).join(",")}|batch ${batchSize}|~2^${dataScale} examples`;
}

export function formatMsPerStep(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  return `${ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2)} ms/step`;
}

/**
 * "wasm: 1.9 ms/step, cpu: 2.4 ms/step → wasm", with "(pinned)" or "(cached)" when not measured now
 * and "~" before a figure from warm-up steps alone (a backend dropped early as far slower).
 */
export function describeChoice(backend: string, reason: BackendChoice["reason"], timings: BackendTiming[]): string {
  const parts = timings.map((timing) => `${timing.backend}: ${timing.error ? `failed (${timing.error})` : `${timing.warmOnly ? "~" : ""}${formatMsPerStep(timing.msPerStep)}`}`);
  const tail = reason === "measured" ? "" : ` (${reason})`;
  return parts.length ? `${parts.join(", ")} → ${backend}${tail}` : `${backend}${tail}`;
}
