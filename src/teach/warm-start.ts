// Warm start: a run can begin from the weights the previous run of the same architecture ended
// with, so one changed example costs a few epochs instead of a whole training. The previous run
// is usually being stopped as the next starts (its cell was invalidated), so what is remembered
// is a promise of its final weights, kept as plain arrays (no tensors outlive their run). A warm
// run trains at a quarter of the learning rate, so it refines the model rather than shaking it.
import * as tf from "@tensorflow/tfjs";
import type { ModelTask } from "./task.ts";

export interface WeightSnapshot {
  shapes: number[][];
  values: Float32Array[];
}

/**
 * A warm-started run trains at this share of its learning rate. Adam's first steps move every
 * weight by about the learning rate whatever its gradient, so at the full rate one new example
 * could shake a model that already fitted the rest: in the shapes lesson, held-out accuracy fell
 * by up to 11 points after adding one correct drawing; at a quarter, by at most 4, and the
 * retraining takes fewer epochs (bench/README.md, "Warm starts").
 */
export const WARM_START_LEARNING_RATE_SCALE = 0.25;

// A page or a test process can see many architectures; the oldest are forgotten.
const LIMIT = 16;

/**
 * What the latest run of each architecture ended with. Each notebook has its own (the `teach`
 * builtin makes one), so a notebook never warm-starts from another notebook's training.
 */
export class WeightMemory {
  private readonly remembered = new Map<string, Promise<WeightSnapshot | undefined>>();

  /** Remembers what a run of this architecture ends with (a promise, resolved when it has stopped). */
  remember(key: string, snapshot: Promise<WeightSnapshot | undefined>): void {
    this.remembered.delete(key);
    this.remembered.set(key, snapshot.catch(() => undefined));
    while (this.remembered.size > LIMIT) this.remembered.delete(this.remembered.keys().next().value!);
  }

  /** The weights the latest run of this architecture ended with, if any. */
  recall(key: string): Promise<WeightSnapshot | undefined> {
    return this.remembered.get(key) ?? Promise.resolve(undefined);
  }

  forget(): void {
    this.remembered.clear();
  }
}

/** The memory of `train` called outside a notebook's `teach` (tests, scripts). */
export const sharedWeightMemory = new WeightMemory();

/** Layers, their activations and weight shapes, and the task: what must match to reuse weights. */
export function architectureKey(model: tf.LayersModel, task: ModelTask): string {
  const layers = model.layers.map((layer) => [
    layer.getClassName(),
    (layer.getConfig() as { activation?: string }).activation ?? null,
    layer.trainableWeights.map((weight) => weight.shape)
  ]);
  return JSON.stringify({ inputs: model.inputs.map((input) => input.shape), layers, task });
}

/** The trainable weights' current values, copied off the backend. */
export async function snapshotWeights(model: tf.LayersModel): Promise<WeightSnapshot> {
  const weights = model.trainableWeights.map((weight) => weight.read());
  return { shapes: weights.map((weight) => weight.shape.slice()), values: await Promise.all(weights.map((weight) => weight.data() as Promise<Float32Array>)) };
}

/** Loads a snapshot into the model's trainable weights; false (and nothing changed) if shapes differ. */
export function loadSnapshot(model: tf.LayersModel, snapshot: WeightSnapshot): boolean {
  const weights = model.trainableWeights;
  const fits = weights.length === snapshot.shapes.length && weights.every((weight, i) => JSON.stringify(weight.shape) === JSON.stringify(snapshot.shapes[i]));
  if (!fits) return false;
  weights.forEach((weight, i) => {
    const value = tf.tensor(snapshot.values[i], snapshot.shapes[i]);
    weight.write(value);
    value.dispose();
  });
  return true;
}
