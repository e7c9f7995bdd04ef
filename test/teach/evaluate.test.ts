import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { evaluate, selectExamples } from "../../src/teach/evaluate.ts";
import { accuracyCurves, confusionData, lossCurves, perClassData, predictedPoints, residualPoints } from "../../src/teach/charts.ts";
import { lineRegressor, signClassifier } from "./fixed-models.ts";

beforeAll(() => loadTensorflow());

// x > 0 is "pos" to the model; examples 2 and 4 are labelled against it.
const signs = [
  { input: [1], output: "pos" },
  { input: [-1], output: "neg" },
  { input: [2], output: "neg" },
  { input: [-3], output: "neg" },
  { input: [-2], output: "pos" },
  { input: [4], output: "pos" }
];

/** Counts the event loop's turns (other tasks getting to run) until `work` settles. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { result: await work(), turns };
  } finally {
    running = false;
  }
}

describe("evaluate a classifier", () => {
  it("gives accuracy, the confusion matrix, per-class accuracy and every prediction marked right or wrong", async () => {
    const model = signClassifier();
    const tensors = tf.memory().numTensors;
    const evaluation = await evaluate(model, signs);
    expect(tf.memory().numTensors).toBe(tensors);
    if (evaluation.kind !== "classify") throw new Error("expected a classification");
    expect(evaluation.accuracy).toBeCloseTo(4 / 6);
    expect(evaluation.classes).toEqual(["neg", "pos"]);
    expect(evaluation.confusion).toEqual([
      [2, 1],
      [1, 2]
    ]);
    expect(evaluation.perClass).toEqual([
      { label: "neg", examples: 3, accuracy: 2 / 3 },
      { label: "pos", examples: 3, accuracy: 2 / 3 }
    ]);
    expect(evaluation.predictions.map((p) => [p.predicted, p.correct])).toEqual([
      ["pos", true],
      ["neg", true],
      ["pos", false],
      ["neg", true],
      ["neg", false],
      ["pos", true]
    ]);
    expect(evaluation.predictions[0].confidence).toBeGreaterThan(0.99);
    model.dispose();
  });

  it("selects the examples behind a confusion cell, the wrong predictions, or a class", async () => {
    const model = signClassifier();
    const evaluation = await evaluate(model, signs);
    expect(selectExamples(evaluation, { expected: "neg", predicted: "pos" })).toEqual([2]);
    expect(selectExamples(evaluation, { expected: "pos", predicted: "neg" })).toEqual([4]);
    expect(selectExamples(evaluation, { correct: false })).toEqual([2, 4]);
    expect(selectExamples(evaluation, { expected: "pos" })).toEqual([0, 4, 5]);
    model.dispose();
  });

  it("prepares the confusion matrix and per-class accuracy for tfjs-vis", async () => {
    const model = signClassifier();
    const evaluation = await evaluate(model, signs);
    expect(confusionData(evaluation)).toEqual({ values: [[2, 1], [1, 2]], tickLabels: ["neg", "pos"] });
    expect(perClassData(evaluation)).toEqual({ classAccuracy: [{ accuracy: 2 / 3, count: 3 }, { accuracy: 2 / 3, count: 3 }], classLabels: ["neg", "pos"] });
    expect(() => residualPoints(evaluation)).toThrow(/regressor/);
    model.dispose();
  });
});

describe("evaluating many examples", () => {
  it("predicts a batch at a time with turns for other work between, and gives what one pass over them all gives", async () => {
    const model = signClassifier();
    const tensorsBefore = tf.memory().numTensors;
    const many = Array.from({ length: 20_000 }, (_, i) => ({ input: [Math.sin(i)], output: i % 3 ? "pos" : "neg" }));
    const { result: evaluation, turns } = await turnsDuring(() => evaluate(model, many));
    expect(turns).toBeGreaterThan(0);
    const expected = many.filter((example) => (example.input[0] > 0 ? "pos" : "neg") === example.output).length / many.length;
    expect(evaluation.kind === "classify" && evaluation.accuracy).toBe(expected);
    expect(evaluation.predictions).toHaveLength(20_000);
    expect(evaluation.predictions[19_999]).toMatchObject({ index: 19_999, predicted: Math.sin(19_999) > 0 ? "pos" : "neg" });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    model.dispose();
  });

  it("names a bad example by its index in the whole set, whichever batch it is in", async () => {
    const model = signClassifier();
    const examples = Array.from({ length: 1500 }, (_, i) => ({ input: i === 1200 ? [1, 2] : [i], output: "pos" }));
    await expect(evaluate(model, examples)).rejects.toThrow(/^example 1200: input has 2 numbers/);
    await expect(evaluate(model, [...signs, { input: [1], output: "zero" }])).rejects.toThrow(/^example 6: label "zero" is not one of the model's classes \["neg","pos"\]/);
    model.dispose();
  });
});

describe("evaluate a regressor", () => {
  const points = [
    { input: [0], output: 1 },
    { input: [1], output: 4 },
    { input: [2], output: 5 }
  ];

  it("gives MAE and MSE, residuals, and marks predictions within the tolerance right", async () => {
    const model = lineRegressor();
    const evaluation = await evaluate(model, points, { tolerance: 0.5 });
    if (evaluation.kind !== "regress") throw new Error("expected a regression");
    expect(evaluation.mae).toBeCloseTo(1 / 3);
    expect(evaluation.mse).toBeCloseTo(1 / 3);
    expect(evaluation.predictions.map((p) => [p.predicted, p.residual, p.correct])).toEqual([
      [[1], [0], true],
      [[3], [-1], false],
      [[5], [0], true]
    ]);
    expect(residualPoints(evaluation)).toEqual({ values: [[{ x: 1, y: 0 }, { x: 4, y: -1 }, { x: 5, y: 0 }]], series: ["residual"] });
    expect(predictedPoints(evaluation).values[0].map((p) => p.y)).toEqual([1, 3, 5]);
    expect(() => confusionData(evaluation)).toThrow(/classifier/);
    model.dispose();
  });
});

describe("training curves for tfjs-vis", () => {
  const history = [
    { epoch: 1, loss: 0.9, accuracy: 0.5, valLoss: 1, valAccuracy: 0.4 },
    { epoch: 2, loss: 0.5, accuracy: 0.8, valLoss: 0.7, valAccuracy: 0.6 }
  ];

  it("gives one series per metric that is present, named for a legend", () => {
    expect(lossCurves(history)).toEqual({
      values: [
        [{ x: 1, y: 0.9 }, { x: 2, y: 0.5 }],
        [{ x: 1, y: 1 }, { x: 2, y: 0.7 }]
      ],
      series: ["loss", "validation loss"]
    });
    expect(accuracyCurves({ history: history.map(({ epoch, loss, accuracy }) => ({ epoch, loss, accuracy })) })).toEqual({
      values: [[{ x: 1, y: 0.5 }, { x: 2, y: 0.8 }]],
      series: ["accuracy"]
    });
    expect(lossCurves([])).toEqual({ values: [], series: [] });
  });
});
