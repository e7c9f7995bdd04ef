// The 2-D plane widget's logic, without its DOM: the mapping between pixels and input space, a
// click turned into the examples-cell edit that adds a point, and the model's decision regions
// sampled on a grid for the page to paint behind the points.
import * as tf from "@tensorflow/tfjs";
import type { Example, Label } from "./examples.ts";
import { taskOf } from "./task.ts";
import type { TrainingProgress } from "./train.ts";

export type Range = [number, number];

export interface PlaneView {
  x: Range;
  y: Range;
  width: number;
  height: number;
}

/** The smallest view around the examples' points (2 numbers each), padded by 10%; [-1, 1]² when empty. */
export function viewOf(examples: Example[], width: number, height: number): PlaneView {
  const points = examples.map((example) => example.input).filter((input): input is number[] => Array.isArray(input) && input.length === 2);
  if (!points.length) return { x: [-1, 1], y: [-1, 1], width, height };
  const range = (k: 0 | 1): Range => {
    const values = points.map((point) => point[k]);
    const [low, high] = [Math.min(...values), Math.max(...values)];
    const pad = (high - low || 1) * 0.1;
    return [low - pad, high + pad];
  };
  return { x: range(0), y: range(1), width, height };
}

/** The input-space point under a pixel (y grows upwards in input space, downwards on screen). */
export function toData(view: PlaneView, px: number, py: number): [number, number] {
  return [view.x[0] + (px / view.width) * (view.x[1] - view.x[0]), view.y[1] - (py / view.height) * (view.y[1] - view.y[0])];
}

export function toPixel(view: PlaneView, [x, y]: [number, number]): [number, number] {
  return [((x - view.x[0]) / (view.x[1] - view.x[0])) * view.width, ((view.y[1] - y) / (view.y[1] - view.y[0])) * view.height];
}

/** The examples-cell edit a click adds: the point, rounded to `digits`, with the selected class. */
export function clickEdit(view: PlaneView, px: number, py: number, label: Label, digits = 3): { kind: "add"; input: number[]; output: Label } {
  const scale = 10 ** digits;
  const input = toData(view, px, py).map((value) => Math.round(value * scale) / scale);
  return { kind: "add", input, output: label };
}

export interface DecisionGrid {
  /** cells per side */
  size: number;
  x: Range;
  y: Range;
  classes: Label[];
  /** class index per cell, row by row from the top (largest y) */
  classIndex: Uint8Array;
  /** the probability of that class per cell */
  confidence: Float32Array;
}

/** The model's predicted class on a size×size grid over the view, from one batched prediction. */
export function decisionGrid(subject: tf.LayersModel | TrainingProgress, view: Pick<PlaneView, "x" | "y">, size = 48): DecisionGrid {
  const model = "predict" in subject ? subject : subject.model;
  const task = taskOf(model);
  if (task.kind !== "classify" || task.inputs !== 2) throw new TypeError("decision regions need a classifier of 2 inputs");
  const points = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const at = (row * size + column) * 2;
      points[at] = view.x[0] + ((column + 0.5) / size) * (view.x[1] - view.x[0]);
      points[at + 1] = view.y[1] - ((row + 0.5) / size) * (view.y[1] - view.y[0]);
    }
  }
  const k = task.classes.length;
  const probabilities = tf.tidy(() => (model.predict(tf.tensor2d(points, [size * size, 2])) as tf.Tensor).dataSync() as Float32Array);
  const classIndex = new Uint8Array(size * size);
  const confidence = new Float32Array(size * size);
  for (let cell = 0; cell < size * size; cell++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probabilities[cell * k + j] > probabilities[cell * k + best]) best = j;
    classIndex[cell] = best;
    confidence[cell] = probabilities[cell * k + best];
  }
  return { size, x: view.x, y: view.y, classes: task.classes, classIndex, confidence };
}
