// evaluate(model, examples): how well a model does on examples — accuracy, the confusion matrix
// and per-class accuracy for classifiers, MAE/MSE for regressors — with every prediction, so a
// teacher can go from a number to the examples behind it.
import * as tf from "@tensorflow/tfjs";
import { checkExamples, classIndex, examplesToTensors, labelsOf, type Example, type Label } from "./examples.ts";
import { taskOf } from "./task.ts";
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

/** Accepts a model, or a training cell's latest value (`{model}`). */
export function evaluate(subject: tf.LayersModel | TrainingProgress, examples: Example[], options: { tolerance?: number } = {}): Evaluation {
  const model = "predict" in subject ? subject : subject.model;
  const checked = checkExamples(examples);
  const task = taskOf(model, labelsOf(checked));
  const { xs, ys } = examplesToTensors(checked, task);
  let output: Float32Array;
  try {
    output = tf.tidy(() => (model.predict(xs) as tf.Tensor).dataSync() as Float32Array);
  } finally {
    tf.dispose([xs, ys]);
  }
  if (task.kind === "classify") return classification(checked, task.classes, output);
  return regression(checked, task.outputs, output, options.tolerance ?? 0);
}

function classification(examples: Example[], classes: Label[], output: Float32Array): ClassificationEvaluation {
  const k = classes.length;
  const confusion = classes.map(() => new Array<number>(k).fill(0));
  const predictions = examples.map((example, index): Prediction => {
    let best = 0;
    for (let j = 1; j < k; j++) if (output[index * k + j] > output[index * k + best]) best = j;
    const expected = classIndex(example.output, classes);
    confusion[expected][best]++;
    return { index, input: example.input, expected: example.output, predicted: classes[best], correct: best === expected, confidence: output[index * k + best] };
  });
  const right = predictions.filter((prediction) => prediction.correct).length;
  const perClass = classes.map((label, j) => {
    const total = confusion[j].reduce((sum, count) => sum + count, 0);
    return { label, examples: total, accuracy: total ? confusion[j][j] / total : NaN };
  });
  return { kind: "classify", examples: examples.length, accuracy: right / examples.length, classes, confusion, perClass, predictions };
}

function regression(examples: Example[], width: number, output: Float32Array, tolerance: number): RegressionEvaluation {
  let absolute = 0;
  let squared = 0;
  const predictions = examples.map((example, index): Prediction => {
    const predicted = Array.from(output.subarray(index * width, (index + 1) * width));
    const expected = Array.isArray(example.output) ? (example.output as number[]).flat(Infinity) : [example.output];
    const residual = predicted.map((value, j) => value - Number(expected[j]));
    for (const error of residual) {
      absolute += Math.abs(error);
      squared += error * error;
    }
    const worst = Math.max(...residual.map(Math.abs));
    return { index, input: example.input, expected: example.output, predicted, correct: worst <= tolerance, residual };
  });
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
