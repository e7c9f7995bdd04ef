// Chart data for tfjs-vis, prepared from training histories and evaluations so the page's chart
// widgets only render: each function returns exactly what a tfvis.render/show call takes.
import type { EpochRecord, TrainingProgress } from "./train.ts";
import type { Evaluation } from "./evaluate.ts";

export interface Point {
  x: number;
  y: number;
}

/** tfvis.render.linechart / scatterplot data: one array of points per series. */
export interface SeriesData {
  values: Point[][];
  series: string[];
}

type HistorySource = EpochRecord[] | Pick<TrainingProgress, "history">;

const historyOf = (source: HistorySource) => (Array.isArray(source) ? source : source.history);

/** Loss per epoch, with the validation loss when there is one. */
export function lossCurves(source: HistorySource): SeriesData {
  return curves(historyOf(source), [
    ["loss", "loss"],
    ["valLoss", "validation loss"]
  ]);
}

/** Accuracy per epoch (classifiers), with the validation accuracy when there is one. */
export function accuracyCurves(source: HistorySource): SeriesData {
  return curves(historyOf(source), [
    ["accuracy", "accuracy"],
    ["valAccuracy", "validation accuracy"]
  ]);
}

function curves(history: EpochRecord[], fields: [keyof EpochRecord, string][]): SeriesData {
  const present = fields.filter(([field]) => history.some((record) => record[field] !== undefined));
  return {
    values: present.map(([field]) => history.filter((record) => record[field] !== undefined).map((record) => ({ x: record.epoch, y: record[field] as number }))),
    series: present.map(([, name]) => name)
  };
}

/** tfvis.render.confusionMatrix data: rows are the expected class, columns the predicted one. */
export function confusionData(evaluation: Evaluation): { values: number[][]; tickLabels: string[] } {
  if (evaluation.kind !== "classify") throw new TypeError("a confusion matrix needs a classifier's evaluation");
  return { values: evaluation.confusion.map((row) => row.slice()), tickLabels: evaluation.classes.map(String) };
}

/** tfvis.show.perClassAccuracy arguments: accuracy and count per class, and the class labels. */
export function perClassData(evaluation: Evaluation): { classAccuracy: { accuracy: number; count: number }[]; classLabels: string[] } {
  if (evaluation.kind !== "classify") throw new TypeError("per-class accuracy needs a classifier's evaluation");
  return {
    classAccuracy: evaluation.perClass.map(({ accuracy, examples }) => ({ accuracy: Number.isNaN(accuracy) ? 0 : accuracy, count: examples })),
    classLabels: evaluation.classes.map(String)
  };
}

/** Residuals (predicted − expected) against the expected value, for a regressor's first output. */
export function residualPoints(evaluation: Evaluation): SeriesData {
  if (evaluation.kind !== "regress") throw new TypeError("residuals need a regressor's evaluation");
  const values = evaluation.predictions.map((prediction) => ({ x: expectedNumber(prediction.expected), y: prediction.residual![0] }));
  return { values: [values], series: ["residual"] };
}

/** Predicted against expected values, for a regressor's first output (a perfect model is the diagonal). */
export function predictedPoints(evaluation: Evaluation): SeriesData {
  if (evaluation.kind !== "regress") throw new TypeError("predicted-vs-expected needs a regressor's evaluation");
  const values = evaluation.predictions.map((prediction) => ({ x: expectedNumber(prediction.expected), y: (prediction.predicted as number[])[0] }));
  return { values: [values], series: ["predicted"] };
}

function expectedNumber(expected: unknown): number {
  return Array.isArray(expected) ? Number((expected as unknown[]).flat(Infinity)[0]) : Number(expected);
}
