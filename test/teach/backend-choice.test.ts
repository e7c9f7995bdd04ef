// Choosing the backend a training runs on by timing its real steps: the pure decision, then the
// chooser on tfjs's real wasm and cpu backends.
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseFastest, describeChoice, trainingShapeKey, trainingSteps, type BackendTiming } from "../../src/teach/backend-choice.ts";
import { createBackendChooser, trainOnChosenBackend } from "../../src/teach/choose-backend.ts";
import { spiral } from "../../src/teach/datasets.ts";
import { mlp } from "../../src/teach/models.ts";
import { train } from "../../src/teach/train.ts";
import { loadNodeTensorflow } from "../../kernels/node/tensorflow.ts";

const timing = (backend: string, msPerStep: number, error?: string): BackendTiming => ({ backend, msPerStep, steps: 10, error });

describe("choosing the fastest backend from timings", () => {
  it("picks the backend with the fewest milliseconds per step", () => {
    expect(chooseFastest([timing("wasm", 1.9), timing("cpu", 2.4), timing("webgpu", 41)])).toBe("wasm");
    expect(chooseFastest([timing("wasm", 30), timing("cpu", 240), timing("webgpu", 2)])).toBe("webgpu");
  });

  it("keeps the current backend when it is within 5% of the fastest, so tensors need not move", () => {
    expect(chooseFastest([timing("wasm", 2.0), timing("cpu", 1.95)], "wasm")).toBe("wasm");
    expect(chooseFastest([timing("wasm", 2.2), timing("cpu", 1.95)], "wasm")).toBe("cpu");
  });

  it("counts a GPU's one-time shader compilation against the steps asked for: a short training stays on wasm, a long one goes to the GPU", () => {
    const timings = [timing("wasm", 30), { ...timing("webgl", 6), setupMs: 2400 }];
    expect(chooseFastest(timings)).toBe("webgl");
    expect(chooseFastest(timings, "wasm", 1.05, 50)).toBe("wasm"); // 1.5 s against 2.7 s
    expect(chooseFastest(timings, "wasm", 1.05, 500)).toBe("webgl"); // 15 s against 5.4 s
    expect(trainingSteps({ examples: 1000, batchSize: 32, epochs: 5 })).toBe(160);
  });

  it("ignores backends that could not be timed, and chooses nothing when none could", () => {
    expect(chooseFastest([timing("webgpu", NaN, "device lost"), timing("cpu", 3)])).toBe("cpu");
    expect(chooseFastest([timing("webgpu", NaN, "device lost")])).toBeUndefined();
  });

  it("keys a choice by weight shapes and batch size, with data sizes within a factor of two sharing it", () => {
    const shape = { weightShapes: [[2, 32], [32], [32, 2], [2]], batchSize: 32, examples: 1000 };
    expect(trainingShapeKey({ ...shape, examples: 1001 })).toBe(trainingShapeKey(shape));
    expect(trainingShapeKey({ ...shape, examples: 4000 })).not.toBe(trainingShapeKey(shape));
    expect(trainingShapeKey({ ...shape, batchSize: 64 })).not.toBe(trainingShapeKey(shape));
    expect(trainingShapeKey({ ...shape, weightShapes: [[2, 64], [64], [64, 2], [2]] })).not.toBe(trainingShapeKey(shape));
    // With epochs, a training four times as long is another choice (setup weighs less in it).
    expect(trainingShapeKey({ ...shape, epochs: 10 })).not.toBe(trainingShapeKey({ ...shape, epochs: 40 }));
  });

  it("describes the choice in one line a person can read", () => {
    expect(describeChoice("wasm", "measured", [timing("wasm", 1.94), timing("cpu", 2.4)])).toBe("wasm: 1.9 ms/step, cpu: 2.4 ms/step → wasm");
    expect(describeChoice("cpu", "cached", [timing("wasm", 12.3), timing("cpu", 0.51)])).toBe("wasm: 12 ms/step, cpu: 0.51 ms/step → cpu (cached)");
    expect(describeChoice("cpu", "pinned", [])).toBe("cpu (pinned)");
    expect(describeChoice("cpu", "measured", [timing("webgpu", NaN, "no device"), timing("cpu", 2)])).toBe("webgpu: failed (no device), cpu: 2.0 ms/step → cpu");
    expect(describeChoice("cpu", "measured", [{ ...timing("webgpu", 85), warmOnly: true }, timing("cpu", 2)])).toBe("webgpu: ~85 ms/step, cpu: 2.0 ms/step → cpu");
    expect(describeChoice("webgl", "measured", [timing("wasm", 1530), { ...timing("webgl", 6), setupMs: 2430 }], "worker")).toBe("wasm: 1.5 s/step, webgl: 6.0 ms/step +2.4 s setup → webgl in a worker");
  });
});

describe("the backend chooser on real tfjs backends", () => {
  const examples = spiral({ perClass: 40, seed: 3 });
  let model: tf.LayersModel;
  beforeAll(async () => {
    await loadNodeTensorflow(["wasm", "cpu"]);
    await tf.setBackend("wasm");
    model = mlp({ inputs: 2, hidden: [8], classes: [0, 1] });
  });
  afterAll(() => model.dispose());

  it("times real steps on every backend, switches to the fastest, and leaves no tensor behind", async () => {
    const chooser = createBackendChooser({ candidates: () => ["wasm", "cpu"], budgetMs: 10 });
    const tensors = tf.memory().numTensors;
    const choice = await chooser({ model, examples, batchSize: 16 });
    expect(choice.reason).toBe("measured");
    expect(choice.timings.map((t) => t.backend)).toEqual(["wasm", "cpu"]);
    for (const t of choice.timings) expect(t.msPerStep).toBeGreaterThan(0);
    expect(choice.backend).toBe(chooseFastest(choice.timings, "wasm"));
    expect(tf.getBackend()).toBe(choice.backend);
    expect(choice.summary).toMatch(/^wasm: ~?[\d.]+ ms\/step, cpu: ~?[\d.]+ ms\/step → (wasm|cpu)$/);
    expect(tf.memory().numTensors).toBe(tensors);

    const again = await chooser({ model, examples: examples.slice(1), batchSize: 16 });
    expect(again).toMatchObject({ reason: "cached", backend: choice.backend, measureMs: 0 });
  });

  it("uses a pinned backend without timing, and names the available ones for an unknown pin", async () => {
    const chooser = createBackendChooser({ candidates: () => ["wasm", "cpu"] });
    await expect(chooser({ model, examples, batchSize: 16, backend: "cpu" })).resolves.toMatchObject({ backend: "cpu", reason: "pinned", timings: [] });
    expect(tf.getBackend()).toBe("cpu");
    await expect(chooser({ model, examples, batchSize: 16, backend: "tpu" })).rejects.toThrow('the tfjs backend "tpu" is not available here (available: wasm, cpu)');
  });

  it("a training pinned by its cell runs there and carries the choice on every progress value", async () => {
    const chosen: string[] = [];
    const trainHere = trainOnChosenBackend(train, createBackendChooser({ candidates: () => ["wasm", "cpu"] }), (choice) => chosen.push(choice.backend));
    // Pinned by the cell, so the choice does not depend on this machine's timings.
    const run = trainHere(model, examples, { epochs: 2, batchSize: 16, backend: "wasm" });
    const values = [];
    for await (const progress of run) values.push(progress);
    expect(values.at(-1)).toMatchObject({ epoch: 2, done: true, backend: { backend: "wasm", reason: "pinned" } });
    expect(values.every((progress) => progress.backend.backend === "wasm")).toBe(true);
    expect(chosen).toEqual(["wasm"]);
    await run.return();
  });

  it("a training invalidated while its backend is being chosen never starts and makes no tensors", async () => {
    const tensors = tf.memory().numTensors;
    const trainHere = trainOnChosenBackend(train, createBackendChooser({ candidates: () => ["wasm", "cpu"], budgetMs: 10 }));
    const run = trainHere(model, examples, { epochs: 2, batchSize: 8 });
    const first = run.next();
    await run.return();
    await expect(first).resolves.toEqual({ done: true, value: undefined });
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it("a bad call to train still fails at once, before any backend is timed", () => {
    const trainHere = trainOnChosenBackend(train, createBackendChooser({ candidates: () => ["wasm", "cpu"] }));
    expect(() => trainHere(model, [])).toThrow(/no examples yet/);
  });
});
