import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { classifier, mlp, regressor } from "../../src/teach/models.ts";
import { taskOf } from "../../src/teach/task.ts";
import { train, type TrainingProgress } from "../../src/teach/train.ts";
import { evaluate } from "../../src/teach/evaluate.ts";
import { cells, nodeKernelFor, reportWhere, valueOf } from "../helpers/notebooks.ts";

beforeAll(() => loadTensorflow());

// Fuel-economy-like numbers: large, differently scaled inputs and an output around 100.
const cars = Array.from({ length: 64 }, (_, i) => {
  const weight = 1500 + 40 * i;
  const power = 60 + ((i * 37) % 140);
  return { input: [weight, power], output: 160 - 0.03 * weight - 0.1 * power };
});

describe("model builders", () => {
  it("a classifier takes its input width and labels from the examples", () => {
    const model = classifier([{ input: [1, 2, 3], output: "b" }, { input: [4, 5, 6], output: "a" }], { hidden: [4] });
    expect(taskOf(model)).toEqual({ kind: "classify", inputs: 3, classes: ["a", "b"] });
    model.dispose();
  });

  it("a regressor normalises inside the model: raw inputs in, outputs on the examples' scale out", () => {
    const model = regressor(cars, { hidden: [8] });
    expect(taskOf(model)).toEqual({ kind: "regress", inputs: 2, outputs: 1 });
    expect(model.layers[0].trainable).toBe(false);
    expect(model.layers.at(-1)!.trainable).toBe(false);
    // Untrained, its predictions sit near the outputs' mean, not near 0 or in the thousands.
    const mean = cars.reduce((sum, car) => sum + car.output, 0) / cars.length;
    const predicted = tf.tidy(() => Array.from((model.predict(tf.tensor2d(cars.map((car) => car.input))) as tf.Tensor).dataSync()));
    expect(Math.abs(predicted.reduce((a, b) => a + b, 0) / predicted.length - mean)).toBeLessThan(20);
    model.dispose();
  });

  it("normalising makes the same short training far more accurate on badly scaled inputs", async () => {
    const maeAfter = async (model: tf.LayersModel) => {
      const run = train(model, cars, { epochs: 30, learningRate: 0.05 });
      let last: TrainingProgress | undefined;
      for await (last of run);
      const evaluation = await evaluate(last!, cars);
      await run.return();
      model.dispose();
      return evaluation.kind === "regress" ? evaluation.mae : NaN;
    };
    const normalised = await maeAfter(regressor(cars, { hidden: [8] }));
    const raw = await maeAfter(regressor(cars, { hidden: [8], normalize: false }));
    expect(normalised).toBeLessThan(2);
    expect(normalised * 3).toBeLessThan(raw);
  });

  it("a constant input column does not divide by zero", () => {
    const model = regressor([{ input: [1, 5], output: 1 }, { input: [2, 5], output: 3 }], { hidden: [] });
    const predicted = tf.tidy(() => Array.from((model.predict(tf.tensor2d([[1, 5]])) as tf.Tensor).dataSync()));
    expect(Number.isFinite(predicted[0])).toBe(true);
    model.dispose();
  });

  it("says what is wrong with the sizes it is given", () => {
    expect(() => mlp({ inputs: 0 })).toThrow(/inputs must be at least 1/);
    expect(() => mlp({ inputs: 2, classes: ["only"] })).toThrow(/at least 2 classes/);
    expect(() => mlp({ inputs: 3, normalize: [{ input: [1, 2], output: 0 }] })).toThrow(/inputs is 3 but the examples to normalise by have 2/);
  });
});

describe("models built in a cell", () => {
  it("are freed when the cell re-runs and when the notebook closes", async () => {
    const kernel = nodeKernelFor();
    const tensorsBefore = tf.memory().numTensors;
    const source = (hidden: number) => `const model = teach.classifier([{input: [0, 1], output: "a"}, {input: [1, 0], output: "b"}], {hidden: [${hidden}]});`;
    kernel.runtime.define(cells(source(4))[0]);
    const first = valueOf(await reportWhere(kernel.runtime, 1, (report) => report.status === "fulfilled"), "model");
    expect(tf.memory().numTensors).toBeGreaterThan(tensorsBefore);
    kernel.runtime.define(cells(source(5))[0]);
    await reportWhere(kernel.runtime, 1, (report) => report.status === "fulfilled" && valueOf(report, "model") !== first);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // 2→2 normalisation, 2→5 hidden, 5→2 output: kernels and biases.
    expect(tf.memory().numTensors - tensorsBefore).toBe(6);
    kernel.dispose();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
