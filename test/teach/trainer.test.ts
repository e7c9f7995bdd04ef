// The trainer contract in Node: a trainer at the other end of a message channel (in this realm, or
// in a worker thread with its own tfjs) trains like train() in the page — same numbers, pause,
// resume, invalidation within a batch, warm start and cache from the notebook — and the chooser
// sends it the models too slow for the page.
import * as tf from "@tensorflow/tfjs";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { train } from "../../src/teach/train.ts";
import { mlp } from "../../src/teach/models.ts";
import { spiral } from "../../src/teach/datasets.ts";
import { WeightMemory, sharedWeightMemory } from "../../src/teach/warm-start.ts";
import type { CachedTraining, TrainingCache } from "../../src/teach/cache-entry.ts";
import { WorkerTrainer, type TrainerProgress } from "../../src/teach/worker-trainer.ts";
import { createBackendChooser } from "../../src/teach/choose-backend.ts";
import { createTrainerChooser } from "../../src/teach/choose-trainer.ts";
import { createTeach } from "../../src/teach/kit.ts";
import { cnn } from "../../src/teach/cnn.ts";
import { digits } from "../../src/teach/digits.ts";
import { images } from "../../src/teach/images.ts";
import { packedInputs } from "../../src/teach/example-set.ts";
import type { BackendChoice } from "../../src/teach/backend-choice.ts";
import { inProcessTrainer, threadTrainer, type ThreadTrainer } from "../helpers/trainer-connections.ts";

beforeAll(() => loadTensorflow(["wasm", "cpu"]));
beforeEach(() => sharedWeightMemory.forget());

const model = () => mlp({ inputs: 2, hidden: [16, 16], classes: [0, 1], seed: 1 });
const weights = (m: tf.LayersModel) => m.getWeights().map((weight) => Array.from(weight.dataSync()));

async function all<P>(run: AsyncIterableIterator<P>): Promise<P[]> {
  const values: P[] = [];
  for await (const value of run) values.push(value);
  return values;
}

function memoryCache(): TrainingCache & { entries: Map<string, CachedTraining> } {
  const entries = new Map<string, CachedTraining>();
  return { entries, get: async (key) => entries.get(key), set: async (key, entry) => void entries.set(key, entry) };
}

describe("a trainer at the other end of a channel", () => {
  let trainer: WorkerTrainer;
  beforeEach(() => {
    trainer = new WorkerTrainer(() => inProcessTrainer(["wasm", "cpu"]));
  });
  afterEach(() => trainer.dispose());
  const trainHere = (m: tf.LayersModel, examples = spiral({ perClass: 40 }), options = {}) => () => train(m, examples, options);

  it("trains to the same numbers as train() in the page, and the page's copy ends with its weights", async () => {
    const template = model();
    const examples = spiral({ perClass: 40 });
    const options = { epochs: 4, seed: 3, validationSplit: 0.2 };
    const inPage = train(template, examples, options);
    const pageValues = await all(inPage);
    const remote = trainer.train(template, examples, options, "wasm", trainHere(template));
    const values = await all(remote);
    expect(values[0]).toMatchObject({ epoch: 0, done: false, cached: false, trainer: { where: "worker" } });
    expect(values.at(-1)!.history).toEqual(pageValues.at(-1)!.history);
    expect(values.at(-1)).toMatchObject({ epoch: 4, done: true, examples: 64 });
    expect(remote.state).toBe("finished");
    expect(weights(values.at(-1)!.model)).toEqual(weights(pageValues.at(-1)!.model));
    await Promise.all([inPage.return(), remote.return()]);
    expect(remote.state).toBe("stopped");
    template.dispose();
  });

  it("images packed in one typed array train in the trainer to the page's numbers, and the page's images stay whole (a copy moves, not theirs)", async () => {
    const template = cnn({ size: 12, classes: 10, filters: [4], seed: 1 });
    const examples = await images(digits({ perClass: 4, seed: 1 }), { size: 12 });
    const before = Array.from(packedInputs(examples)!.inputs);
    const options = { epochs: 2, batchSize: 8, seed: 1 };
    const inPage = train(template, examples, options);
    const pageLast = (await all(inPage)).at(-1)!;
    const remote = trainer.train(template, examples, options, "wasm", () => train(template, examples, options));
    const last = (await all(remote)).at(-1)!;
    expect(last).toMatchObject({ done: true, examples: 40, trainer: { where: "worker" } });
    expect(last.history).toEqual(pageLast.history);
    expect(weights(last.model)).toEqual(weights(pageLast.model));
    expect(packedInputs(examples)?.inputs.length).toBe(40 * 144);
    expect(Array.from(packedInputs(examples)!.inputs)).toEqual(before);
    await Promise.all([inPage.return(), remote.return()]);
    template.dispose();
  });

  it("pauses at the next batch with the model so far, and resume() finishes the run", async () => {
    const template = model();
    const run = trainer.train(template, spiral({ perClass: 100 }), { epochs: 3, batchSize: 8 }, "wasm", trainHere(template));
    await run.next();
    run.pause();
    let value: TrainerProgress;
    do value = (await run.next()).value as TrainerProgress;
    while (!value.paused);
    expect(run.state).toBe("paused");
    const held = weights(value.model);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(weights(value.model)).toEqual(held);
    run.resume();
    const rest = await all(run);
    expect(rest.at(-1)).toMatchObject({ epoch: 3, done: true, paused: false });
    await run.return();
    template.dispose();
  });

  it("ends for the same reason as train() in the page: `until` with patience reached at the same epoch, said in the same words", async () => {
    const template = model();
    const examples = spiral({ perClass: 40 });
    const options = { epochs: 30, seed: 2, learningRate: 0.03, until: { loss: 0.6 }, patience: 2 };
    const inPage = train(template, examples, options);
    const pageEnd = (await all(inPage)).at(-1)!.end!;
    const remote = trainer.train(template, examples, options, "wasm", trainHere(template));
    const last = (await all(remote)).at(-1)!;
    expect(pageEnd).toMatchObject({ reason: "reached", text: expect.stringMatching(/^reached loss 0\.6 at epoch \d+ \(2 epochs in a row\)$/) });
    expect(last.end).toEqual(pageEnd);
    expect(remote.end).toEqual(pageEnd);
    await Promise.all([inPage.return(), remote.return()]);
    template.dispose();
  });

  it("the cell's Stop ends the trainer's run at its next batch, keeping the model so far: \"stopped at epoch n\"", async () => {
    const template = model();
    const run = trainer.train(template, spiral({ perClass: 400 }), { epochs: 20, batchSize: 8 }, "wasm", trainHere(template));
    await run.next();
    await run.next();
    run.stop();
    const rest = await all(run);
    const last = rest.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.end).toEqual({ reason: "stopped", epoch: last.epoch, text: `stopped at epoch ${last.epoch}` });
    expect(last.epoch).toBeLessThan(20);
    expect(run.state).toBe("finished");
    await run.return();
    template.dispose();
  });

  it("the cell's Stop pressed while the chooser is still deciding ends the training it sends to the worker at once, keeping the first model", async () => {
    let decide!: () => void;
    const decided = new Promise<void>((resolve) => (decide = resolve));
    const toWorker: BackendChoice = { backend: "wasm", trainer: "worker", reason: "pinned", timings: [], measureMs: 0, summary: "wasm in a worker" };
    const teach = createTeach({ chooseBackend: async () => (await decided, toWorker), worker: trainer })({ own: () => undefined });
    const template = model();
    const run = teach.train(template, spiral({ perClass: 400 }), { epochs: 20, batchSize: 8, cache: false }) as AsyncIterableIterator<TrainerProgress> & { stop(): void };
    const first = run.next();
    run.stop();
    decide();
    const values = [(await first).value as TrainerProgress, ...(await all(run))];
    const last = values.at(-1)!;
    expect(last.trainer?.where).toBe("worker");
    expect(last).toMatchObject({ done: true, end: { reason: "stopped" } });
    expect(last.epoch).toBeLessThanOrEqual(1);
    await run.return?.();
    template.dispose();
  });

  it("invalidation mid-epoch stops the trainer within one batch and frees every tensor", async () => {
    const template = model();
    const before = tf.memory().numTensors;
    const apply = vi.spyOn(tf.Sequential.prototype, "apply");
    try {
      // 250 batches an epoch: the end comes in the middle of the first.
      const run = trainer.train(template, spiral({ perClass: 1000 }), { epochs: 3, batchSize: 8 }, "wasm", trainHere(template));
      await run.next();
      while (apply.mock.calls.length < 5) await new Promise((resolve) => setImmediate(resolve));
      const ending = run.return();
      const atEnd = apply.mock.calls.length;
      await ending;
      expect(apply.mock.calls.length - atEnd).toBeLessThanOrEqual(1);
      expect(apply.mock.calls.length).toBeLessThan(250);
      expect(run.state).toBe("stopped");
    } finally {
      apply.mockRestore();
    }
    expect(tf.memory().numTensors).toBe(before);
    template.dispose();
  });

  it("warm-starts from the notebook's memory and fills the notebook's cache, which serves the same training again", async () => {
    const memory = new WeightMemory();
    const cache = memoryCache();
    const template = model();
    const examples = spiral({ perClass: 40 });
    const first = trainer.train(template, examples, { epochs: 30, learningRate: 0.03, memory, cache }, "wasm", trainHere(template));
    const trained = (await all(first)).at(-1)!;
    expect(cache.entries.size).toBe(1);
    await first.return();
    // The same training again: served from the page's cache, trained by no one.
    const again = trainer.train(template, examples, { epochs: 30, learningRate: 0.03, memory, cache }, "wasm", trainHere(template));
    const served = await all(again);
    expect(served).toHaveLength(1);
    expect(served[0]).toMatchObject({ cached: true, done: true, history: trained.history });
    await again.return();
    // Another training of the same architecture starts where the first ended: its first epoch's
    // loss is the first run's last, where a cold start is still far off.
    const edited = spiral({ perClass: 41 });
    const warm = trainer.train(template, edited, { epochs: 1, memory, warmStart: true }, "wasm", trainHere(template));
    const warmValues = await all(warm);
    expect(warmValues[0].warmStarted).toBe(true);
    const cold = trainer.train(template, edited, { epochs: 1, memory: new WeightMemory(), warmStart: true }, "wasm", trainHere(template));
    const coldValues = await all(cold);
    expect(coldValues[0].warmStarted).toBe(false);
    expect(warmValues.at(-1)!.loss).toBeLessThan(trained.history.at(-1)!.loss + 0.05);
    expect(warmValues.at(-1)!.loss).toBeLessThan(coldValues.at(-1)!.loss - 0.05);
    await Promise.all([warm.return(), cold.return()]);
    template.dispose();
  });

  it("a loss that blows up fails the run with the page's own message", async () => {
    const template = mlp({ inputs: 1, hidden: [4], seed: 1 });
    const examples = Array.from({ length: 16 }, (_, i) => ({ input: [i], output: 1e20 * i }));
    const run = trainer.train(template, examples, { epochs: 5, learningRate: 1e30 }, "wasm", trainHere(template, examples));
    await expect(all(run)).rejects.toThrow(/^training stopped: the loss became (NaN|Infinity) in epoch 1 \(try a smaller learningRate, or scale the inputs\)$/);
    expect(run.state).toBe("failed");
    expect(run.end).toMatchObject({ reason: "failed", text: expect.stringMatching(/^(NaN|Infinity) in epoch 1$/) });
    await run.return();
    template.dispose();
  });

  it("the chooser keeps a quick model in the page and sends a slow one to the worker, on the backend the worker timed fastest", async () => {
    const template = model();
    const examples = spiral({ perClass: 40 });
    const page = createBackendChooser({ candidates: () => ["wasm", "cpu"], budgetMs: 10, stepLimitMs: 1000 });
    const quick = await createTrainerChooser({ page, worker: trainer })({ model: template, examples, batchSize: 16, epochs: 3 });
    expect(quick).toMatchObject({ trainer: "page", reason: "measured" });
    // The same model with a limit no step fits: too slow for the page.
    const strict = createBackendChooser({ candidates: () => ["wasm", "cpu"], budgetMs: 10, stepLimitMs: 0.001 });
    const slow = await createTrainerChooser({ page: strict, worker: trainer, stepLimitMs: 0.001 })({ model: template, examples, batchSize: 16, epochs: 3 });
    expect(slow).toMatchObject({ trainer: "worker", reason: "measured" });
    expect(slow.timings.map((timing) => timing.backend)).toEqual(["wasm", "cpu"]);
    expect(slow.summary).toMatch(/^in the page wasm takes [\d.]+ ms\/step \(over 0\.001 ms: the page would stutter\); wasm: ~?[\d.]+ ms\/step( \+[\d.]+ s setup)?, cpu: ~?[\d.]+ ms\/step( \+[\d.]+ s setup)? → (wasm|cpu) in a worker$/);
    template.dispose();
  });
});

describe("a trainer in a worker thread of its own", () => {
  let connection: ThreadTrainer | undefined;
  let trainer: WorkerTrainer;
  beforeEach(() => {
    trainer = new WorkerTrainer(() => (connection = threadTrainer()));
  });
  afterEach(() => trainer.dispose());

  it("reports its own tensors beside the page's, and frees them when the cell is invalidated", async () => {
    const template = model();
    const examples = spiral({ perClass: 200 });
    const run = trainer.train(template, examples, { epochs: 2 }, "wasm", () => train(template, examples));
    const values = await all(run);
    const last = values.at(-1)!;
    // The worker held the training's tensors; the page holds its copy of the model only.
    expect(last.trainer?.memory?.worker.numTensors).toBeGreaterThan(0);
    expect(last.trainer?.memory?.page.numTensors).toBe(tf.memory().numTensors);
    await run.return();
    expect(trainer.memory).toEqual({ numTensors: 0, numBytes: 0 });
    template.dispose();
  }, 60_000);

  it("a crash of the worker fails its training with a clear error, and the next training starts a new worker", async () => {
    const template = model();
    const examples = spiral({ perClass: 1000 });
    const run = trainer.train(template, examples, { epochs: 50, batchSize: 8 }, "wasm", () => train(template, examples));
    await run.next();
    const crashed = connection!;
    crashed.worker.postMessage({ type: "test:crash" });
    await expect(all(run)).rejects.toThrow("the training worker crashed (simulated out of memory); the page is fine: run the cell again to train in a new worker");
    expect(run.state).toBe("failed");
    await run.return();
    const next = trainer.train(template, spiral({ perClass: 20 }), { epochs: 1 }, "wasm", () => train(template, examples));
    expect((await all(next)).at(-1)).toMatchObject({ done: true, trainer: { where: "worker" } });
    expect(connection).not.toBe(crashed);
    await next.return();
    template.dispose();
  }, 60_000);
});
