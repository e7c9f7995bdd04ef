// Trained weights are cached outside the notebook file, so reopening a notebook shows its results
// without retraining. The key is a SHA-256 of everything that decides the result: the model (its
// layers and configuration, without the generated layer names, and its initial weights), the
// examples, the training options and seed, and the backend. Stores are small: a folder in Node
// (cache-folder.ts), IndexedDB in the page (cache-indexeddb.ts), both behind cache-entry.ts.
import * as tf from "@tensorflow/tfjs";
import type { Example } from "./examples.ts";
import type { ModelTask } from "./task.ts";
import type { EpochRecord } from "./training-session.ts";
import type { CachedTraining } from "./cache-entry.ts";
import { examplesIdentity } from "./example-set.ts";
import type { TrainingEnd } from "./stop-rule.ts";

export type { CachedTraining, TrainingCache } from "./cache-entry.ts";

// Bump when training changes what the same inputs produce, so old entries are not served.
// 2: `until` is judged on the model after each epoch, and the last epoch's numbers are the final model's.
const CACHE_FORMAT = 2;

/** The cache key for training `model` (as given, before any warm start) on `examples` with `options`. */
export async function trainingKey(model: tf.LayersModel, task: ModelTask, examples: Example[], options: object): Promise<string> {
  const topology = withoutNames(model.toJSON(null, false));
  const identity = examplesIdentity(examples);
  const description = JSON.stringify({ format: CACHE_FORMAT, backend: tf.getBackend(), topology, task, options, examples: identity.description }, plainValues);
  const weights = await Promise.all(model.getWeights().map((weight) => weight.data() as Promise<Float32Array>));
  const parts = [new TextEncoder().encode(description), ...weights.map((values) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength)), ...identity.bytes];
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Copies a trained model's weights off the backend for the cache. */
export async function cacheEntryOf(model: tf.LayersModel, history: EpochRecord[], end: TrainingEnd): Promise<CachedTraining> {
  const weights = await Promise.all(model.getWeights().map(async (weight) => ({ shape: weight.shape.slice(), values: (await weight.data()) as Float32Array })));
  return { weights, history, epoch: end.epoch, end };
}

/** Loads cached weights into a model of the same architecture; false if they do not fit. */
export function restoreWeights(model: tf.LayersModel, entry: CachedTraining): boolean {
  const current = model.getWeights();
  if (current.length !== entry.weights.length || current.some((weight, i) => JSON.stringify(weight.shape) !== JSON.stringify(entry.weights[i].shape))) return false;
  const tensors = entry.weights.map(({ shape, values }) => tf.tensor(values, shape));
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
  return true;
}

/** Drops the generated layer names (`dense_Dense3`): they change with creation order, not with the model. */
function withoutNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNames);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "name").map(([key, item]) => [key, withoutNames(item)]));
  }
  return value;
}

function plainValues(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
}
