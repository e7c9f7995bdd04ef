// Training inside a notebook: the teacher's loop on the real runtime and Node kernel.
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { toCell } from "@observablehq/notebook-kit";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { applyExampleEdit } from "../../src/notebook/examples-source.ts";
import type { TrainingProgress } from "../../src/teach/train.ts";
import { cells, nodeKernelFor, reportWhere, valueOf } from "../helpers/notebooks.ts";

beforeAll(() => loadTensorflow());

const examplesSource = "const examples = [\n  ...teach.spiral({perClass: 60, seed: 1}),\n  {input: [0.1, 0.2], output: 1},\n];";
const lesson = (training: string) =>
  cells(
    examplesSource,
    "const model = teach.mlp({inputs: 2, hidden: [24, 24], classes: [0, 1], seed: 1});",
    `const training = teach.train(model, examples, ${training});`,
    "const accuracy = (await teach.evaluate(training, examples)).accuracy;"
  );
const trainingOf = (report: Parameters<typeof valueOf>[0]) => valueOf<TrainingProgress>(report, "training");

describe("training in a notebook", () => {
  it("an example edit stops the stale training, warm-starts a new one, and re-evaluates; closing frees every tensor", async () => {
    const tensorsBefore = tf.memory().numTensors;
    const kernel = nodeKernelFor();
    kernel.load(lesson("{epochs: 400, learningRate: 0.02, warmStart: true}"));
    // Mid-training (the first epochs are in), the teacher adds an example.
    const stale = trainingOf(await reportWhere(kernel.runtime, 3, (report) => (trainingOf(report)?.epoch ?? 0) >= 2));
    const edited = applyExampleEdit(examplesSource, { kind: "add", input: [-0.5, 0.5], output: 0 });
    expect(edited.split("\n").length).toBe(examplesSource.split("\n").length + 1);
    kernel.runtime.define(toCell({ id: 1, mode: "js", value: edited }));
    const fresh = trainingOf(await reportWhere(kernel.runtime, 3, (report) => !!trainingOf(report) && trainingOf(report) !== stale && trainingOf(report).examples === 122));
    expect(stale.run.state).toBe("stopped");
    expect(stale.epoch).toBeLessThan(400);
    expect(fresh.warmStarted).toBe(true);
    // The evaluation downstream follows the new run.
    await reportWhere(kernel.runtime, 4, (report) => typeof valueOf(report, "accuracy") === "number" && kernel.runtime.report(3)!.status !== "pending");
    kernel.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it("a notebook never warm-starts from another notebook's training of the same architecture", async () => {
    const first = nodeKernelFor();
    first.load(lesson("{epochs: 2, warmStart: true}"));
    await first.runtime.settled();
    expect(trainingOf(first.runtime.report(3))).toMatchObject({ done: true, warmStarted: false });
    const second = nodeKernelFor();
    second.load(lesson("{epochs: 2, warmStart: true}"));
    await second.runtime.settled();
    expect(trainingOf(second.runtime.report(3))).toMatchObject({ done: true, warmStarted: false });
    first.dispose();
    second.dispose();
  });

  it("the runtime's Stop ends a training cell with its model so far and says so; the cell fulfils and the evaluation follows", async () => {
    const kernel = nodeKernelFor();
    kernel.load(lesson("{epochs: 400, batchSize: 8}"));
    await reportWhere(kernel.runtime, 3, (report) => (trainingOf(report)?.epoch ?? 0) >= 1);
    expect(kernel.runtime.stop(3)).toBe(true);
    const ended = trainingOf(await reportWhere(kernel.runtime, 3, (report) => trainingOf(report)?.done === true));
    expect(ended.epoch).toBeLessThan(400);
    expect(ended.end).toEqual({ reason: "stopped", epoch: ended.epoch, text: `stopped at epoch ${ended.epoch}` });
    expect(ended.run.state).toBe("finished");
    await kernel.runtime.settled();
    expect(kernel.runtime.report(3)!.status).toBe("fulfilled");
    // What it reports is the stopped model's, as the evaluation downstream measures it.
    expect(valueOf(kernel.runtime.report(4), "accuracy")).toBe(ended.metrics.accuracy);
    kernel.dispose();
  });

  it("a paused training holds its clock: the cell's work clock and the value's time agree and stand still", async () => {
    const kernel = nodeKernelFor();
    const started = performance.now();
    kernel.load(lesson("{epochs: 400, batchSize: 8}"));
    const running = trainingOf(await reportWhere(kernel.runtime, 3, (report) => (trainingOf(report)?.epoch ?? 0) >= 1));
    running.run.pause();
    const paused = trainingOf(await reportWhere(kernel.runtime, 3, (report) => trainingOf(report)?.paused === true));
    const held = kernel.runtime.workClock(3)!;
    expect(held).toEqual({ ms: paused.ms, paused: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(kernel.runtime.workClock(3)).toEqual(held);
    paused.run.resume();
    await reportWhere(kernel.runtime, 3, (report) => trainingOf(report)?.paused === false);
    running.run.stop();
    const done = trainingOf(await reportWhere(kernel.runtime, 3, (report) => trainingOf(report)?.done === true));
    await kernel.runtime.settled();
    // The footer's time of the finished cell is the training's, without the pause.
    expect(kernel.runtime.report(3)!.ms).toBe(done.ms);
    expect(done.ms).toBeLessThanOrEqual(performance.now() - started - 100);
    kernel.dispose();
  });

  it("a loss that blows up shows as a clear error in the training cell and in the cells that use it", async () => {
    const kernel = nodeKernelFor();
    kernel.load(
      cells(
        "const examples = Array.from({length: 16}, (_, i) => ({input: [i], output: 1e20 * i}));",
        "const model = teach.mlp({inputs: 1, hidden: [4]});",
        "const training = teach.train(model, examples, {epochs: 5, learningRate: 1e30});",
        "const mae = (await teach.evaluate(training, examples)).mae;"
      )
    );
    await kernel.runtime.settled();
    const report = kernel.runtime.report(3)!;
    expect(report.status).toBe("rejected");
    expect(report.error?.message).toMatch(/^training stopped: the loss became (NaN|Infinity) in epoch 1 \(try a smaller learningRate, or scale the inputs\)$/);
    expect(kernel.runtime.report(4)!.status).toBe("rejected");
    kernel.dispose();
  });
});
