// `teach.widgets`: what a cell calls to show a capture widget or a chart. Each returns a plain
// spec (spec-types.ts) computed in the cell, in every kernel: the page renders it as a live widget
// (reusing the element while the cell re-runs), a headless run shows its one-line summary. The
// decision regions are sampled here, while the cell runs, so the page never touches a model that
// a newer run has already freed.
import type * as tf from "@tensorflow/tfjs";
import { checkExamples, labelsOf, preview, type Example, type Label } from "../teach/examples.ts";
import { decisionGrid, viewOf } from "../teach/plane.ts";
import { taskOf } from "../teach/task.ts";
import type { TrainingProgress } from "../teach/train.ts";
import type { Evaluation } from "../teach/evaluate.ts";
import { accuracyCurves, confusionData, lossCurves, perClassData, predictedPoints, residualPoints } from "../teach/charts.ts";
import type { Chart, ChartSpec, PadSpec, PlaneSpec } from "./spec-types.ts";

type ModelSource = tf.LayersModel | TrainingProgress;

/** The examples, checked; an empty array is allowed (a lesson may start from none), and kept as is. */
const examplesOf = (examples: Example[]): Example[] => (Array.isArray(examples) && examples.length === 0 ? examples : checkExamples(examples));
const modelOf = (subject: ModelSource) => ("predict" in subject ? subject : subject.model);
const isTraining = (subject: ModelSource): subject is TrainingProgress => !("predict" in subject) && "history" in subject;

export interface PlaneOptions {
  /** pixels per side; default 320 */
  size?: number;
  /** decision-region cells per side; default 40 */
  grid?: number;
  /** decimals kept of a clicked point; default 3 */
  digits?: number;
  /** the classes a click can add; default the model's, else the examples' labels */
  classes?: Label[];
}

/** The examples' 2-D points on a plane, with the model's decision regions behind them. */
export function plane(examples: Example[], subject?: ModelSource, { size = 320, grid = 40, digits = 3, classes }: PlaneOptions = {}): PlaneSpec {
  const checked = examplesOf(examples);
  checked.forEach((example, index) => {
    const input = example.input;
    if (!Array.isArray(input) || input.length !== 2 || !input.every((value) => typeof value === "number")) {
      throw new TypeError(`plane: each input is a point [x, y]; example ${index} has ${preview(input)}`);
    }
  });
  const view = viewOf(checked, size, size);
  const task = subject ? taskOf(modelOf(subject), labelsOf(checked)) : undefined;
  const regions = task?.kind === "classify" && task.inputs === 2 ? decisionGrid(subject!, view, grid) : undefined;
  const known = classes ?? (task?.kind === "classify" ? task.classes : labelsOf(checked));
  const epoch = subject && isTraining(subject) ? subject.epoch : undefined;
  return {
    widget: "plane",
    summary: `plane · ${checked.length} examples · ${known.length} classes${regions ? ` · regions ${grid}×${grid}` : ""}`,
    examples: checked,
    view,
    classes: known,
    regions,
    epoch,
    digits
  };
}

export interface PadOptions {
  /** the labels a drawing can be added with; default the model's classes, else the examples' labels */
  labels?: Label[];
  /** a classifier (or training) of drawings, to show its guess while drawing */
  model?: ModelSource;
  /** pixels per side of the image the model sees; default from the model's inputs, else 16 */
  size?: number;
}

/** A drawing pad whose drawings are added to the examples cell with a label. */
export function pad(examples: Example[], { labels, model: subject, size }: PadOptions = {}): PadSpec {
  const checked = examplesOf(examples);
  const model = subject ? modelOf(subject) : undefined;
  const task = model ? taskOf(model) : undefined;
  const classes = task?.kind === "classify" ? task.classes : undefined;
  const side = size ?? (task ? Math.round(Math.sqrt(task.inputs)) : 16);
  const known = labels ?? classes ?? labelsOf(checked);
  return {
    widget: "pad",
    summary: `drawing pad · ${checked.length} drawings · labels ${known.join(", ") || "(none yet)"}`,
    examples: checked,
    labels: known,
    size: side,
    model,
    classes
  };
}

/** The loss (and accuracy, for classifiers) per epoch, redrawn as the training goes on. */
export function curves(training: TrainingProgress): ChartSpec {
  const charts: Chart[] = [{ kind: "line", title: "loss", data: lossCurves(training), xLabel: "epoch", yLabel: "loss" }];
  const accuracy = accuracyCurves(training);
  if (accuracy.values.length) charts.push({ kind: "line", title: "accuracy", data: accuracy, xLabel: "epoch", yLabel: "accuracy" });
  const last = training.history[training.history.length - 1];
  return {
    widget: "chart",
    summary: `curves · ${training.history.length} epochs${last ? ` · loss ${last.loss.toPrecision(4)}` : ""}`,
    charts,
    live: !training.done && !training.paused
  };
}

/** The confusion matrix: rows are the expected class, columns the predicted one. */
export function confusion(evaluation: Evaluation): ChartSpec {
  const { values, tickLabels } = confusionData(evaluation);
  return { widget: "chart", summary: `confusion matrix · ${tickLabels.length} classes`, charts: [{ kind: "confusion", title: "confusion matrix", values, tickLabels }], live: false };
}

/** Accuracy per class, as bars. */
export function perClass(evaluation: Evaluation): ChartSpec {
  const { classAccuracy, classLabels } = perClassData(evaluation);
  const bars = classLabels.map((label, k) => ({ index: label, value: classAccuracy[k].accuracy }));
  return { widget: "chart", summary: `per-class accuracy · ${bars.map((bar) => `${bar.index} ${bar.value.toFixed(2)}`).join(", ")}`, charts: [{ kind: "bar", title: "accuracy per class", bars, yLabel: "accuracy" }], live: false };
}

/** A regressor's residuals (predicted − expected) against the expected value, and predicted against expected. */
export function residuals(evaluation: Evaluation): ChartSpec {
  const charts: Chart[] = [
    { kind: "scatter", title: "residuals", data: residualPoints(evaluation), xLabel: "expected", yLabel: "predicted − expected" },
    { kind: "scatter", title: "predicted vs expected", data: predictedPoints(evaluation), xLabel: "expected", yLabel: "predicted" }
  ];
  return { widget: "chart", summary: `residuals · ${evaluation.examples} examples`, charts, live: false };
}

export const widgetSpecs = { plane, pad, curves, confusion, perClass, residuals };
