// A cached training as stores keep it, and the small interface every store implements. No tfjs
// here: a store moves bytes and JSON only.
import type { EpochRecord } from "./training-session.ts";
import type { TrainingEnd } from "./stop-rule.ts";

export interface CachedTraining {
  /** weight values in model.getWeights() order */
  weights: { shape: number[]; values: Float32Array }[];
  history: EpochRecord[];
  /** the epoch training ended at (less than the epochs asked for when `until` was reached) */
  epoch: number;
  /** why it ended there */
  end?: TrainingEnd;
}

/** Where cached trainings live; `get` resolves undefined for an unknown key. */
export interface TrainingCache {
  get(key: string): Promise<CachedTraining | undefined>;
  set(key: string, entry: CachedTraining): Promise<void>;
}

/** Packs an entry as JSON (shapes, history) plus one buffer of all weight values, for stores of bytes. */
export function packEntry(entry: CachedTraining): { meta: string; data: Uint8Array } {
  const total = entry.weights.reduce((sum, weight) => sum + weight.values.length, 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const weight of entry.weights) {
    data.set(weight.values, offset);
    offset += weight.values.length;
  }
  const meta = JSON.stringify({ shapes: entry.weights.map((weight) => weight.shape), history: entry.history, epoch: entry.epoch, end: entry.end });
  return { meta, data: new Uint8Array(data.buffer) };
}

export function unpackEntry(meta: string, data: Uint8Array): CachedTraining {
  const { shapes, history, epoch, end } = JSON.parse(meta) as { shapes: number[][]; history: EpochRecord[]; epoch: number; end?: TrainingEnd };
  const all = new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  let offset = 0;
  const weights = shapes.map((shape) => {
    const size = shape.reduce((product, n) => product * n, 1);
    const values = all.subarray(offset, offset + size);
    offset += size;
    return { shape, values };
  });
  if (offset !== all.length) throw new Error(`cached weights hold ${all.length} numbers, their shapes ${offset}`);
  return { weights, history, epoch, end };
}

