import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { train, type TrainingProgress, type TrainingRun } from "../../src/teach/train.ts";
import { mlp } from "../../src/teach/models.ts";
import { spiral } from "../../src/teach/datasets.ts";
import { sharedWeightMemory } from "../../src/teach/warm-start.ts";
import { folderCache } from "../../src/teach/cache-folder.ts";
import { evaluate } from "../../src/teach/evaluate.ts";

beforeAll(() => loadTensorflow());
beforeEach(() => sharedWeightMemory.forget());

const spiralModel = (hidden = [16, 16]) => mlp({ inputs: 2, hidden, classes: [0, 1], seed: 1 });

async function last(run: TrainingRun): Promise<TrainingProgress[]> {
  const values: TrainingProgress[] = [];
  for await (const value of run) values.push(value);
  return values;
}

describe("train", () => {
  it("yields epoch 0 at once, then later epochs, ending with done on the last", async () => {
    const model = spiralModel();
    const run = train(model, spiral({ perClass: 40 }), { epochs: 5, seed: 1 });
    const values = await last(run);
    expect(values[0]).toMatchObject({ epoch: 0, done: false, cached: false, history: [] });
    expect(values.map((value) => value.epoch)).toEqual([...values.map((value) => value.epoch)].sort((a, b) => a - b));
    expect(values.at(-1)).toMatchObject({ epoch: 5, epochs: 5, done: true, end: { reason: "epochs", epoch: 5, text: "5 epochs" } });
    expect(values.slice(0, -1).every((value) => value.end === undefined)).toBe(true);
    expect(values.at(-1)!.run.state).toBe("finished");
    expect(values.at(-1)!.history.map((record) => record.epoch)).toEqual([1, 2, 3, 4, 5]);
    await run.return();
    model.dispose();
  });

  it("is seeded: the same model, examples and seed give the same losses, another seed other ones", async () => {
    const model = spiralModel();
    const examples = spiral({ perClass: 40 });
    const losses = async (seed: number) => {
      const run = train(model, examples, { epochs: 4, seed });
      const values = await last(run);
      await run.return();
      return values.at(-1)!.history.map((record) => record.loss);
    };
    const first = await losses(1);
    expect(await losses(1)).toEqual(first);
    expect(await losses(2)).not.toEqual(first);
    model.dispose();
  });

  it("trains a copy: the model given keeps its weights", async () => {
    const model = spiralModel();
    const before = model.getWeights().map((weight) => Array.from(weight.dataSync()));
    const run = train(model, spiral({ perClass: 20 }), { epochs: 3 });
    await last(run);
    expect(model.getWeights().map((weight) => Array.from(weight.dataSync()))).toEqual(before);
    await run.return();
    model.dispose();
  });

  it("invalidation mid-epoch stops training within one batch and leaks no tensors", async () => {
    const model = spiralModel();
    const tensorsBefore = tf.memory().numTensors;
    // 250 batches an epoch, yielding after every one: return() comes in the middle of the first epoch.
    const run = train(model, spiral({ perClass: 1000 }), { epochs: 3, batchSize: 8, sliceMs: 0 });
    const first = (await run.next()).value as TrainingProgress;
    let batches = 0;
    const apply = first.model.apply.bind(first.model);
    first.model.apply = ((...args: Parameters<typeof apply>) => (batches++, apply(...args))) as typeof apply;
    while (batches < 5) await new Promise((resolve) => setImmediate(resolve));
    const atReturn = batches;
    await run.return();
    expect(batches - atReturn).toBeLessThanOrEqual(1);
    expect(batches).toBeLessThan(250);
    expect(first.run.state).toBe("stopped");
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    model.dispose();
  });

  it("pause() holds at the next batch with the model as trained so far, resume() finishes the run", async () => {
    const model = spiralModel();
    const run = train(model, spiral({ perClass: 100 }), { epochs: 4, batchSize: 8, sliceMs: 0 });
    const first = (await run.next()).value as TrainingProgress;
    first.run.pause();
    const paused = (await run.next()).value as TrainingProgress;
    expect(paused).toMatchObject({ paused: true, done: false });
    expect(paused.run.state).toBe("paused");
    const weights = () => paused.model.getWeights().map((weight) => Array.from(weight.dataSync()));
    const held = weights();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(weights()).toEqual(held);
    paused.run.resume();
    const rest: TrainingProgress[] = [];
    for await (const value of run) rest.push(value);
    expect(rest[0]).toMatchObject({ paused: false });
    expect(rest.at(-1)).toMatchObject({ epoch: 4, done: true, paused: false });
    await run.return();
    model.dispose();
  });

  it("a paused run is released when its cell is invalidated", async () => {
    const model = spiralModel();
    const tensorsBefore = tf.memory().numTensors;
    const run = train(model, spiral({ perClass: 100 }), { epochs: 4, batchSize: 8, sliceMs: 0 });
    const first = (await run.next()).value as TrainingProgress;
    run.pause();
    await run.next();
    expect(first.run.state).toBe("paused");
    await run.return();
    expect(first.run.state).toBe("stopped");
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    model.dispose();
  });

  it("holds out a seeded validation split and reports its loss and accuracy each epoch", async () => {
    const model = spiralModel();
    const run = train(model, spiral({ perClass: 50 }), { epochs: 3, validationSplit: 0.2 });
    const values = await last(run);
    const final = values.at(-1)!;
    expect(final.examples).toBe(80);
    for (const record of final.history) {
      expect(record.valLoss).toBeGreaterThan(0);
      expect(record.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(record.valAccuracy).toBeLessThanOrEqual(1);
    }
    await run.return();
    model.dispose();
  });

  it("a loss that becomes NaN or infinite stops training with a clear error and frees its tensors", async () => {
    const model = mlp({ inputs: 1, hidden: [4], seed: 1 });
    const tensorsBefore = tf.memory().numTensors;
    const examples = Array.from({ length: 16 }, (_, i) => ({ input: [i], output: 1e20 * i }));
    const run = train(model, examples, { epochs: 5, learningRate: 1e30 });
    await expect(last(run)).rejects.toThrow(/training stopped: the loss became (NaN|Infinity) in epoch 1 \(try a smaller learningRate/);
    expect(run.end).toEqual({ reason: "failed", epoch: 0, text: expect.stringMatching(/^(NaN|Infinity) in epoch 1$/) });
    await run.return();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    model.dispose();
  });

  it("says which example is wrong before training starts", async () => {
    const model = spiralModel();
    const run = train(model, [{ input: [0, 0], output: 0 }, { input: [1], output: 1 }]);
    await expect(run.next()).rejects.toThrow(/example 1: input has 1 numbers, the first example has 2/);
    expect(() => train({} as never, [])).toThrow(/must be a tfjs LayersModel/);
    expect(() => train(model, spiral({ perClass: 5 }), { until: { acuracy: 1 } as never })).toThrow(/^train: until takes accuracy or loss, not acuracy$/);
    expect(() => train(model, spiral({ perClass: 5 }), { until: { accuracy: 1 }, patience: 0 })).toThrow(/^train: patience must be a whole number of epochs \(1 or more\), got 0$/);
    model.dispose();
  });
});

describe("warm start", () => {
  it("continues from the previous run's weights and reaches the cold-start accuracy in fewer epochs", async () => {
    const model = spiralModel([32, 32]);
    const examples = spiral({ perClass: 60, seed: 1 });
    const options = { epochs: 200, batchSize: 32, learningRate: 0.02, seed: 1 };
    const cold = train(model, examples, { ...options, epochs: 60 });
    const trained = (await last(cold)).at(-1)!;
    const target = Math.min(0.97, trained.metrics.accuracy!);
    await cold.return();
    // One changed example: a new point in the middle.
    const changed = [...examples, { input: [0.05, -0.02], output: 1 }];
    const epochsTo = async (warmStart: boolean) => {
      const run = train(model, changed, { ...options, warmStart, until: { accuracy: target } });
      const final = (await last(run)).at(-1)!;
      await run.return();
      return { epochs: final.epoch, warmStarted: final.warmStarted, accuracy: final.metrics.accuracy! };
    };
    const warm = await epochsTo(true);
    sharedWeightMemory.forget();
    const again = await epochsTo(false);
    expect(warm.warmStarted).toBe(true);
    expect(again.warmStarted).toBe(false);
    expect(warm.accuracy).toBeGreaterThanOrEqual(target);
    expect(again.accuracy).toBeGreaterThanOrEqual(target);
    expect(warm.epochs).toBeLessThan(again.epochs);
    model.dispose();
  });

  it("starts cold when the architecture changed", async () => {
    const examples = spiral({ perClass: 20 });
    const small = spiralModel([8]);
    const first = train(small, examples, { epochs: 2 });
    await last(first);
    await first.return();
    const large = spiralModel([12]);
    const second = train(large, examples, { epochs: 1, warmStart: true });
    expect(((await second.next()).value as TrainingProgress).warmStarted).toBe(false);
    await second.return();
    const third = train(small, examples, { epochs: 1, warmStart: true });
    expect(((await third.next()).value as TrainingProgress).warmStarted).toBe(true);
    await third.return();
    small.dispose();
    large.dispose();
  });
});

describe("the training cache", () => {
  const folder = mkdtempSync(join(tmpdir(), "exemplar-cache-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("serves a finished training again without training, with the same weights and history", async () => {
    const cache = folderCache(folder);
    const model = spiralModel();
    const examples = spiral({ perClass: 30 });
    const first = train(model, examples, { epochs: 3, cache });
    const trained = (await last(first)).at(-1)!;
    expect(trained.cached).toBe(false);
    const predictions = (await evaluate(trained, examples)).predictions;
    await first.return();
    const second = train(model, examples, { epochs: 3, cache });
    const values = await last(second);
    expect(values).toHaveLength(1);
    expect(values[0]).toMatchObject({ cached: true, done: true, epoch: 3 });
    expect(values[0].history).toEqual(trained.history);
    expect((await evaluate(values[0], examples)).predictions).toEqual(predictions);
    await second.return();
    const changed = train(model, [...examples, { input: [0, 0], output: 1 }], { epochs: 3, cache });
    expect(((await changed.next()).value as TrainingProgress).cached).toBe(false);
    await changed.return();
    model.dispose();
  });
});
