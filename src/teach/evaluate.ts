// evaluate(model, examples): how well a model does on examples — accuracy, the confusion matrix
// and per-class accuracy for classifiers, MAE/MSE for regressors — with every prediction, so a
// teacher can go from a number to the examples behind it. It predicts a batch at a time and gives
// the page a turn between slices, so a large set never freezes it: `await teach.evaluate(…)`.
import * as tf from "@tensorflow/tfjs";
import { checkExamples, classIndex, inputMatrix, inputVector, labelsOf, preview, type Example, type Label } from "./examples.ts";
import { taskOf, type ModelTask } from "./task.ts";
import { inSlices, mapInSlices } from "./slices.ts";
import type { TrainingProgress } from "./train.ts";

export interface Prediction {
  index: number;
  input: unknown;
  expected: unknown;
  predicted: Label | number[];
  /** for classifiers: whether predicted equals expected; for regressors: absolute error ≤ tolerance */
  correct: boolean;
  /** for classifiers: the probability given to the predicted class */
  confidence?: number;
  /** for regressors: predicted minus expected, per output number */
  residual?: number[];
}

export interface ClassificationEvaluation {
  kind: "classify";
  examples: number;
  accuracy: number;
  classes: Label[];
  /** confusion[expected][predicted] = how many examples */
  confusion: number[][];
  perClass: { label: Label; accuracy: number; examples: number }[];
  predictions: Prediction[];
}

export interface RegressionEvaluation {
  kind: "regress";
  examples: number;
  mae: number;
  mse: number;
  predictions: Prediction[];
}

export type Evaluation = ClassificationEvaluation | RegressionEvaluation;

/** Examples per forward pass. */
const PREDICT_BATCH = 512;

/** Accepts a model, or a training cell's latest value (`{model}`). */
export async function evaluate(subject: tf.LayersModel | TrainingProgress, examples: Example[], options: { tolerance?: number } = {}): Promise<Evaluation> {
  const model = "predict" in subject ? subject : subject.model;
  const checked = checkExamples(examples);
  const task = taskOf(model, labelsOf(checked));
  const output = await predictExamples(model, checked, task);
  if (task.kind === "classify") return classification(checked, task.classes, output);
  return regression(checked, task.outputs, output, options.tolerance ?? 0);
}

/** The model's outputs for every example (one row of the task's width each), a batch at a time. */
export async function predictExamples(model: tf.LayersModel, examples: Example[], task: ModelTask): Promise<Float32Array> {
  const width = task.kind === "classify" ? task.classes.length : task.outputs;
  const output = new Float32Array(examples.length * width);
  await inSlices(examples.length, PREDICT_BATCH, async (start, end) => {
    const predicted = tf.tidy(() => {
      const xs = inputMatrix(examples.slice(start, end), task, start);
      return model.predict(xs) as tf.Tensor;
    });
    try {
      output.set((await predicted.data()) as Float32Array, start * width);
    } finally {
      predicted.dispose();
    }
  });
  return output;
}

async function classification(examples: Example[], classes: Label[], output: Float32Array): Promise<ClassificationEvaluation> {
  const k = classes.length;
  const confusion = classes.map(() => new Array<number>(k).fill(0));
  const predictions = await mapInSlices(examples, (example, index): Prediction => {
    let best = 0;
    for (let j = 1; j < k; j++) if (output[index * k + j] > output[index * k + best]) best = j;
    const expected = classIndex(example.output, classes);
    if (expected < 0) throw new TypeError(`example ${index}: label ${preview(example.output)} is not one of the model's classes ${preview(classes)}`);
    confusion[expected][best]++;
    return { index, input: example.input, expected: example.output, predicted: classes[best], correct: best === expected, confidence: output[index * k + best] };
  }, 1024);
  const right = predictions.filter((prediction) => prediction.correct).length;
  const perClass = classes.map((label, j) => {
    const total = confusion[j].reduce((sum, count) => sum + count, 0);
    return { label, examples: total, accuracy: total ? confusion[j][j] / total : NaN };
  });
  return { kind: "classify", examples: examples.length, accuracy: right / examples.length, classes, confusion, perClass, predictions };
}

async function regression(examples: Example[], width: number, output: Float32Array, tolerance: number): Promise<RegressionEvaluation> {
  let absolute = 0;
  let squared = 0;
  const predictions = await mapInSlices(examples, (example, index): Prediction => {
    const predicted = Array.from(output.subarray(index * width, (index + 1) * width));
    const expected = inputVector(example.output, index);
    if (expected.length !== width) throw new TypeError(`example ${index}: output has ${expected.length} numbers, the model gives ${width}`);
    const residual = predicted.map((value, j) => value - expected[j]);
    for (const error of residual) {
      absolute += Math.abs(error);
      squared += error * error;
    }
    const worst = Math.max(...residual.map(Math.abs));
    return { index, input: example.input, expected: example.output, predicted, correct: worst <= tolerance, residual };
  }, 1024);
  const count = examples.length * width;
  return { kind: "regress", examples: examples.length, mae: absolute / count, mse: squared / count, predictions };
}

/** Which examples to show: those behind a confusion-matrix cell, the wrong or right ones, or one class. */
export type ExampleSelection = { expected: Label; predicted: Label } | { correct: boolean } | { expected: Label };

/**
 * The indices (into the evaluated examples) behind a selection — what the page scrolls the
 * examples table to when a confusion cell or a wrong prediction is clicked.
 */
export function selectExamples(evaluation: Evaluation, selection: ExampleSelection): number[] {
  const chosen = evaluation.predictions.filter((prediction) => {
    if ("correct" in selection) return prediction.correct === selection.correct;
    if ("predicted" in selection) return prediction.expected === selection.expected && prediction.predicted === selection.predicted;
    return prediction.expected === selection.expected;
  });
  return chosen.map((prediction) => prediction.index);
}
