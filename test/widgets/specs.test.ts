// teach.widgets in a headless kernel: specs are plain values computed in the cell (the plane's
// regions from the model at that moment), summarised in one line, and they free every tensor.
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { summarize } from "../../kernels/node/summary.ts";
import { spiral } from "../../src/teach/datasets.ts";
import { mlp } from "../../src/teach/models.ts";
import { train, type TrainingProgress } from "../../src/teach/train.ts";
import { evaluate } from "../../src/teach/evaluate.ts";
import { isWidgetSpec } from "../../src/widgets/spec-types.ts";
import { curves, pad, plane, perClass, residuals, confusion } from "../../src/widgets/specs.ts";

async function trained(epochs = 4): Promise<{ progress: TrainingProgress; stop: () => Promise<unknown> }> {
  const model = mlp({ inputs: 2, hidden: [8], classes: [0, 1], seed: 1 });
  const run = train(model, [...spiral({ perClass: 20, seed: 1 })], { epochs, seed: 1 });
  let progress!: TrainingProgress;
  for await (const value of run) progress = value;
  return { progress, stop: async () => (await run.return(), model.dispose()) };
}

describe("widget specs", () => {
  it("the plane keeps the examples array itself, its view and classes, and samples the model's regions", async () => {
    const { progress, stop } = await trained();
    const examples = [...spiral({ perClass: 20, seed: 1 })];
    const before = tf.memory().numTensors;
    const spec = plane(examples, progress, { grid: 10 });
    expect(tf.memory().numTensors).toBe(before);
    expect(spec.examples).toBe(examples);
    expect(spec).toMatchObject({ widget: "plane", classes: [0, 1], epoch: 4, digits: 3 });
    expect(spec.regions!.classIndex).toHaveLength(100);
    expect(new Set(spec.regions!.classIndex)).toEqual(new Set([0, 1]));
    expect(spec.view.x[0]).toBeLessThan(Math.min(...examples.map((example) => (example.input as number[])[0])));
    expect(summarize(spec)).toBe("plane · 40 examples · 2 classes · regions 10×10");
    await stop();
  });

  it("the plane starts from no examples, and refuses inputs that are not points, naming the example", () => {
    const none: { input: number[]; output: number }[] = [];
    expect(plane(none)).toMatchObject({ examples: none, classes: [], view: { x: [-1, 1], y: [-1, 1] } });
    expect(() => plane([{ input: [1, 2], output: 0 }, { input: [1, 2, 3], output: 1 }])).toThrow(/example 1 has \[1,2,3\]/);
  });

  it("the drawing pad takes the model's classes and its image size from the model's inputs", () => {
    const model = mlp({ inputs: 64, hidden: [], classes: ["circle", "square"], seed: 1 });
    const drawings = [{ input: "1,1 50,50", output: "circle" }];
    expect(pad(drawings, { model })).toMatchObject({ widget: "pad", labels: ["circle", "square"], classes: ["circle", "square"], size: 8, examples: drawings });
    expect(pad(drawings)).toMatchObject({ labels: ["circle"], size: 16, model: undefined });
    model.dispose();
  });

  it("curves are live while training runs; evaluations give confusion, per-class and residual charts", async () => {
    const { progress, stop } = await trained(3);
    const spec = curves(progress);
    expect(spec).toMatchObject({ widget: "chart", live: false });
    expect(spec.charts.map((chart) => chart.title)).toEqual(["loss", "accuracy"]);
    expect(summarize(spec)).toMatch(/^curves · 3 epochs · loss \d/);
    expect(curves({ ...progress, done: false, paused: false }).live).toBe(true);
    const evaluation = await evaluate(progress, [...spiral({ perClass: 10, seed: 2 })]);
    expect(confusion(evaluation).charts[0]).toMatchObject({ kind: "confusion", tickLabels: ["0", "1"] });
    expect(perClass(evaluation).charts[0]).toMatchObject({ kind: "bar", bars: [{ index: "0" }, { index: "1" }] });
    expect(() => residuals(evaluation)).toThrow(/regressor/);
    expect([spec, plane([]), pad([])].every(isWidgetSpec)).toBe(true);
    expect(isWidgetSpec({ widget: "plane" })).toBe(false);
    await stop();
  });
});
