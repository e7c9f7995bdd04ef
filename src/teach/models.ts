// Model builders for the common cases, so a lesson needs no tfjs boilerplate. Any tfjs
// LayersModel works with train/evaluate too; these only save typing and seed the weights.
import * as tf from "@tensorflow/tfjs";
import { checkExamples, inputVector, labelsOf, type Example, type Label } from "./examples.ts";
import { setTask } from "./task.ts";

export interface MlpOptions {
  /** how many numbers each example's input has */
  inputs: number;
  /** sizes of the hidden layers; default [16, 16] */
  hidden?: number[];
  /** for a classifier: the labels (or how many classes, labelled 0…n-1) */
  classes?: Label[] | number;
  /** for a regressor: how many numbers to predict; default 1 */
  outputs?: number;
  /** hidden-layer activation; default "relu" */
  activation?: "relu" | "tanh" | "sigmoid" | "elu";
  /** seed for the initial weights; default 1 */
  seed?: number;
  /**
   * examples to normalise by: inputs are shifted and scaled to mean 0, deviation 1 (and a
   * regressor's outputs scaled back from there) by fixed layers inside the model, so a saved
   * model predicts from raw inputs
   */
  normalize?: Example[];
}

/** A multilayer perceptron: a classifier when `classes` is given, else a regressor. */
export function mlp({ inputs, hidden = [16, 16], classes, outputs = 1, activation = "relu", seed = 1, normalize }: MlpOptions): tf.Sequential {
  if (!(inputs >= 1)) throw new TypeError(`mlp: inputs must be at least 1, got ${inputs}`);
  const labels = typeof classes === "number" ? Array.from({ length: classes }, (_, k) => k) : classes;
  if (labels && labels.length < 2) throw new TypeError(`mlp: a classifier needs at least 2 classes, got ${labels.length}`);
  const stats = normalize ? statistics(checkExamples(normalize), inputs, labels ? 0 : outputs) : undefined;
  const fixed: tf.Tensor[] = [];
  const model = tf.sequential();
  if (stats) model.add(affine(inputs, stats.inputs, true, fixed));
  hidden.forEach((units, index) => {
    model.add(
      tf.layers.dense({
        units,
        activation,
        inputShape: index === 0 && !stats ? [inputs] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + index })
      })
    );
  });
  model.add(
    tf.layers.dense({
      units: labels ? labels.length : outputs,
      activation: labels ? "softmax" : "linear",
      inputShape: hidden.length === 0 && !stats ? [inputs] : undefined,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + hidden.length })
    })
  );
  if (stats?.outputs) model.add(affine(outputs, stats.outputs, false, fixed));
  tf.dispose(fixed);
  setTask(model, labels ? { kind: "classify", inputs, classes: labels } : { kind: "regress", inputs, outputs });
  // The caller owns the model; in a cell, the kit hands it to the cell's run (kit.ts).
  return model;
}

export interface BuilderOptions {
  hidden?: number[];
  activation?: MlpOptions["activation"];
  seed?: number;
  /** normalise inputs (and a regressor's outputs) by the examples' statistics; default true */
  normalize?: boolean;
}

/** A classifier shaped by its examples: their input width and their labels. */
export function classifier(examples: Example[], options: BuilderOptions = {}): tf.Sequential {
  const checked = checkExamples(examples);
  const classes = labelsOf(checked);
  return mlp({ ...options, inputs: inputVector(checked[0].input, 0).length, classes, normalize: options.normalize === false ? undefined : checked });
}

/** A regressor shaped by its examples: their input and output widths. */
export function regressor(examples: Example[], options: BuilderOptions = {}): tf.Sequential {
  const checked = checkExamples(examples);
  const inputs = inputVector(checked[0].input, 0).length;
  const outputs = inputVector(checked[0].output, 0).length;
  return mlp({ ...options, inputs, outputs, normalize: options.normalize === false ? undefined : checked });
}

interface Moments {
  mean: number[];
  deviation: number[];
}

function statistics(examples: Example[], inputs: number, outputs: number): { inputs: Moments; outputs?: Moments } {
  const x = examples.map((example, index) => inputVector(example.input, index));
  if (x[0].length !== inputs) throw new TypeError(`mlp: inputs is ${inputs} but the examples to normalise by have ${x[0].length} numbers`);
  return { inputs: moments(x), outputs: outputs ? moments(examples.map((example, index) => inputVector(example.output, index))) : undefined };
}

function moments(rows: ArrayLike<number>[]): Moments {
  const n = rows.length;
  const mean = Array.from(rows[0], (_, j) => rows.reduce((sum, row) => sum + row[j], 0) / n);
  // A constant column keeps its scale (deviation 1) instead of dividing by zero.
  const deviation = mean.map((m, j) => Math.sqrt(rows.reduce((sum, row) => sum + (row[j] - m) ** 2, 0) / n) || 1);
  return { mean, deviation };
}

/** A fixed (untrainable) dense layer computing (x − mean) / deviation, or its inverse. */
function affine(width: number, { mean, deviation }: Moments, standardise: boolean, fixed: tf.Tensor[]): tf.layers.Layer {
  const scale = deviation.map((d) => (standardise ? 1 / d : d));
  const shift = mean.map((m, j) => (standardise ? -m / deviation[j] : m));
  const kernel = tf.tidy(() => tf.diag(tf.tensor1d(scale)));
  const bias = tf.tensor1d(shift);
  fixed.push(kernel, bias);
  return tf.layers.dense({ units: width, inputShape: standardise ? [width] : undefined, trainable: false, weights: [kernel, bias] });
}
