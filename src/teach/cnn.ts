// A small convolutional classifier for square images, so the image lesson needs no tfjs
// boilerplate. It takes an image as its size×size numbers in a row (what `teach.rasterize` and
// `teach.images` make, what the drawing pad predicts from) and reshapes them itself, so every
// other part of the kit sees a model of size² inputs like any other.
import * as tf from "@tensorflow/tfjs";
import type { Label } from "./examples.ts";
import { setTask } from "./task.ts";

export interface CnnOptions {
  /** pixels per side of the (square, one-channel) image */
  size: number;
  /** the labels (or how many classes, labelled 0…n-1) */
  classes: Label[] | number;
  /** filters of each convolution block (3×3 convolution, relu, 2×2 max pooling); default [8, 16] */
  filters?: number[];
  /** sizes of dense hidden layers after the convolutions; default none */
  hidden?: number[];
  /** seed for the initial weights; default 1 */
  seed?: number;
}

export function cnn({ size, classes, filters = [8, 16], hidden = [], seed = 1 }: CnnOptions): tf.Sequential {
  if (!(Number.isInteger(size) && size >= 4)) throw new TypeError(`cnn: size must be a whole number of pixels, at least 4, got ${size}`);
  const labels = typeof classes === "number" ? Array.from({ length: classes }, (_, k) => k) : classes;
  if (!labels || labels.length < 2) throw new TypeError(`cnn: a classifier needs at least 2 classes, got ${labels?.length ?? 0}`);
  let side = size;
  for (const count of filters) {
    if (!(Number.isInteger(count) && count >= 1)) throw new TypeError(`cnn: filters must be whole numbers of at least 1, got ${count}`);
    side = Math.floor((side - 2) / 2);
    if (side < 1) throw new TypeError(`cnn: ${filters.length} convolution blocks shrink a ${size}×${size} image to nothing: use fewer`);
  }
  let layer = 0;
  const initializer = () => tf.initializers.glorotUniform({ seed: seed + layer++ });
  const model = tf.sequential();
  model.add(tf.layers.reshape({ inputShape: [size * size], targetShape: [size, size, 1] }));
  for (const count of filters) {
    model.add(tf.layers.conv2d({ filters: count, kernelSize: 3, activation: "relu", kernelInitializer: initializer() }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  }
  model.add(tf.layers.flatten());
  for (const units of hidden) model.add(tf.layers.dense({ units, activation: "relu", kernelInitializer: initializer() }));
  model.add(tf.layers.dense({ units: labels.length, activation: "softmax", kernelInitializer: initializer() }));
  setTask(model, { kind: "classify", inputs: size * size, classes: labels });
  return model;
}
