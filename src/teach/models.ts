// Model builders for the common cases, so a lesson needs no tfjs boilerplate. Any tfjs
// LayersModel works with train/evaluate too; these only save typing and seed the weights.
import * as tf from "@tensorflow/tfjs";
import type { Label } from "./examples.ts";
import { setTask } from "./task.ts";
import { releaseOnInvalidation } from "../runtime/resources.ts";

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
}

/** A multilayer perceptron: a classifier when `classes` is given, else a regressor. */
export function mlp({ inputs, hidden = [16, 16], classes, outputs = 1, activation = "relu", seed = 1 }: MlpOptions): tf.Sequential {
  if (!(inputs >= 1)) throw new TypeError(`mlp: inputs must be at least 1, got ${inputs}`);
  const labels = typeof classes === "number" ? Array.from({ length: classes }, (_, k) => k) : classes;
  if (labels && labels.length < 2) throw new TypeError(`mlp: a classifier needs at least 2 classes, got ${labels.length}`);
  const model = tf.sequential();
  hidden.forEach((units, index) => {
    model.add(
      tf.layers.dense({
        units,
        activation,
        inputShape: index === 0 ? [inputs] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + index })
      })
    );
  });
  model.add(
    tf.layers.dense({
      units: labels ? labels.length : outputs,
      activation: labels ? "softmax" : "linear",
      inputShape: hidden.length === 0 ? [inputs] : undefined,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + hidden.length })
    })
  );
  setTask(model, labels ? { kind: "classify", inputs, classes: labels } : { kind: "regress", inputs, outputs });
  // Built in a cell, the model is freed when that cell re-runs or the notebook closes.
  releaseOnInvalidation(() => model.dispose());
  return model;
}
