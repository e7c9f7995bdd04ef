// Times real training steps of a model on several backends: the step `train` takes (gather a
// batch, minimize the loss with Adam inside one tidy), on a copy of the model and a slice of the
// real examples. Backends take turns round by round, so the JIT warming up during the first
// steps of a fresh process favours none of them, and each backend's fastest round counts: on a
// shared machine the slower rounds measure the other programs that preempted this one.
import * as tf from "@tensorflow/tfjs";
import { cloneModel } from "./clone.ts";
import { examplesToTensors, labelsOf, type Example } from "./examples.ts";
import { taskOf } from "./task.ts";
import { nextMacrotask } from "./yield.ts";
import type { BackendTiming } from "./backend-choice.ts";

export interface StepTimingOptions {
  /** the backends to time, each ready to start */
  backends: string[];
  /** makes a backend current (tfjs.setBackend, checked) */
  use: (backend: string) => Promise<void>;
  batchSize: number;
  learningRate?: number;
  /** untimed steps per backend first, at least 2 and this many milliseconds (kernels compile, the JIT warms up); default 40 */
  warmupMs?: number;
  /** timed rounds per backend, each ending by reading the loss (so queued GPU work counts); default 8 */
  rounds?: number;
  /** rough milliseconds of timed steps per backend; default 100 */
  budgetMs?: number;
  /**
   * the steps the training will take: a backend whose warm-up (shader compilation) already took
   * longer than the whole training would on a backend timed before it is not timed further
   */
  steps?: number;
  /**
   * when the first backend's steps take longer than this (first estimated from a few small steps,
   * then from warm full ones), time no other (the page passes its frame budget: a model that slow
   * trains in a worker, which times every backend itself, off the page)
   */
  giveUpAboveMs?: number;
  /** milliseconds the whole training takes elsewhere: a backend whose warm-up passes it cannot beat that */
  beatMs?: number;
}

interface Stepper {
  /** runs `n` steps and resolves with the milliseconds they took, the last loss read back */
  run(n: number): Promise<number>;
  dispose(): void;
}

export async function timeTrainingSteps(template: tf.LayersModel, examples: Example[], options: StepTimingOptions): Promise<BackendTiming[]> {
  const { backends, use, batchSize, learningRate = 0.01, warmupMs = 40, rounds = 8, budgetMs = 100, steps: trainingSteps, giveUpAboveMs = Infinity, beatMs = Infinity } = options;
  let gaveUp = false;
  const entries = new Map<string, { backend: string; stepper: Stepper; fastestWarm: number; warmSteps: number; warmMs: number; steps: number; samples: number[] }>();
  // What the first steps cost beyond steady ones on a GPU: compiling its shaders, once per model.
  // (A CPU backend's first steps are slow too, from the JIT warming up: not this model's cost.)
  const compiles = (backend: string) => backend === "webgl" || backend === "webgpu";
  const setupOf = (entry: { backend: string; warmMs: number; warmSteps: number; fastestWarm: number }) => (compiles(entry.backend) ? Math.max(0, entry.warmMs - entry.warmSteps * entry.fastestWarm) : 0);
  const timings = new Map<string, BackendTiming>();
  const fail = (backend: string, error: unknown) => {
    timings.set(backend, { backend, msPerStep: NaN, steps: 0, error: (error as Error)?.message ?? String(error) });
    entries.get(backend)?.stepper.dispose();
    entries.delete(backend);
  };
  try {
    for (const backend of backends) {
      try {
        await use(backend);
        if (!timings.size && !entries.size && Number.isFinite(giveUpAboveMs)) {
          const estimate = await probeStep(template, examples, batchSize, learningRate);
          if (estimate > giveUpAboveMs) {
            timings.set(backend, { backend, msPerStep: estimate, steps: 2, warmOnly: true });
            gaveUp = true;
            break;
          }
        }
        const entry = { backend, stepper: await prepareSteps(template, examples, batchSize, learningRate), fastestWarm: Infinity, warmSteps: 0, warmMs: 0, steps: 2, samples: [] as number[] };
        entries.set(backend, entry);
        // Warm until steps stop getting faster: in a fresh process the JIT makes the first
        // steps of a JavaScript backend many times slower than the rest.
        // A backend still 10× slower than one timed before it is hopeless here (a GPU on a tiny
        // net, the cpu backend on a convolutional one): stop warming it.
        const others = [...entries.values()].filter((other) => other !== entry);
        const bestSoFar = Math.min(...others.map((other) => other.fastestWarm));
        const bestTraining = Math.min(beatMs, ...(trainingSteps ? others.map((other) => setupOf(other) + other.fastestWarm * trainingSteps) : []));
        let previous = Infinity;
        for (let warm = 0, improving = true; entry.warmSteps < 2 || warm < warmupMs || (improving && entry.warmSteps < 12); ) {
          // A turn for the page between steps (a CPU backend's reads resolve at once): timing in
          // the page must not be one long task.
          await nextMacrotask();
          const ms = await entry.stepper.run(1);
          entry.warmSteps++;
          entry.warmMs += ms;
          warm += ms;
          improving = ms < 0.8 * previous;
          previous = ms;
          entry.fastestWarm = Math.min(entry.fastestWarm, ms);
          // 10× slower than a backend timed before it, with one step over the whole timing budget
          // (a CPU backend's first, a GPU's second: its first compiles), no warming will save it.
          if (ms > 10 * bestSoFar && ms > budgetMs && entry.warmSteps >= (compiles(backend) ? 2 : 1)) break;
          if (ms > 10 * bestSoFar && entry.warmSteps >= 5) break;
          if (entry.warmMs > bestTraining) break;
        }
        // Size each round from the warm steps, so a slow backend is not timed for long (and a round
        // in the page stays one short task: a single step when steps are long).
        entry.steps = Math.max(1, Math.min(50, Math.round(budgetMs / rounds / Math.max(entry.fastestWarm, 0.01))));
        if (entries.size === 1 && entry.fastestWarm > giveUpAboveMs) {
          gaveUp = true;
          break;
        }
      } catch (error) {
        fail(backend, error);
      }
    }
    // A backend 3× slower than another already is not worth more steps (nor one too slow to matter
    // here: its warm steps say so). A lone backend is timed on: its figure is compared with others
    // measured elsewhere (the trainer's worker).
    const best = Math.min(...[...entries.values()].map((entry) => entry.fastestWarm));
    for (const [backend, entry] of entries) {
      if (entry.fastestWarm > 3 * best || gaveUp) {
        timings.set(backend, { backend, msPerStep: entry.fastestWarm, steps: entry.warmSteps, warmOnly: entries.size > 1 || gaveUp, setupMs: setupOf(entry) });
        entry.stepper.dispose();
        entries.delete(backend);
      }
    }
    for (let round = 0; round < rounds && entries.size; round++) {
      const names = [...entries.keys()];
      for (const backend of names.map((_, i) => names[(i + round) % names.length])) {
        const entry = entries.get(backend)!;
        try {
          await use(backend);
          await nextMacrotask();
          entry.samples.push((await entry.stepper.run(entry.steps)) / entry.steps);
        } catch (error) {
          fail(backend, error);
        }
      }
    }
    for (const [backend, entry] of entries) {
      const msPerStep = Math.min(...entry.samples);
      timings.set(backend, { backend, msPerStep, steps: entry.steps * entry.samples.length, setupMs: setupOf({ ...entry, fastestWarm: msPerStep }) });
    }
  } finally {
    for (const { stepper } of entries.values()) stepper.dispose();
  }
  return backends.filter((backend) => timings.has(backend)).map((backend) => timings.get(backend)!);
}

/**
 * A step's milliseconds estimated from small steps, for a first look that is short even when a
 * full step is not (the digits CNN's first full step in the page takes ~90 ms cold, an eighth of
 * it ~35). A step costs about a fixed part (the optimizer's update, the engine) plus a part per
 * example: timed at 1 example and at an eighth of the batch, the line through the two gives it.
 */
async function probeStep(template: tf.LayersModel, examples: Example[], batchSize: number, learningRate: number): Promise<number> {
  const small = Math.max(2, Math.ceil(batchSize / 8));
  if (small >= batchSize) return 0;
  const [one, few] = [await fastestSmallStep(template, examples, 1, learningRate), await fastestSmallStep(template, examples, small, learningRate)];
  return one + (Math.max(0, few - one) * (batchSize - 1)) / (small - 1);
}

/** The fastest of a few steps of `size` examples, once they stop improving (a fresh page's first ones are slow). */
async function fastestSmallStep(template: tf.LayersModel, examples: Example[], size: number, learningRate: number): Promise<number> {
  const probe = await prepareSteps(template, examples, size, learningRate);
  try {
    let fastest = Infinity;
    for (let step = 0, previous = Infinity; step < 6; step++) {
      await nextMacrotask();
      const ms = await probe.run(1);
      if (step > 0) fastest = Math.min(fastest, ms);
      if (step >= 2 && ms > 0.8 * previous) break;
      previous = ms;
    }
    return fastest;
  } finally {
    probe.dispose();
  }
}

/** A copy of the model, a slice of the examples and an optimizer, on the current backend. */
async function prepareSteps(template: tf.LayersModel, examples: Example[], batchSize: number, learningRate: number): Promise<Stepper> {
  const task = taskOf(template, labelsOf(examples));
  const sample = examples.slice(0, Math.min(examples.length, batchSize * 8)); // (worker-trainer.ts sends only these)
  const model = await cloneModel(template);
  const { xs, ys, count } = examplesToTensors(sample, task);
  const order = tf.tensor1d(Array.from({ length: count }, (_, i) => count - 1 - i), "int32");
  const optimizer = tf.train.adam(learningRate);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const classify = task.kind === "classify";
  let batch = 0;
  const step = (): tf.Scalar =>
    tf.tidy(() => {
      const start = (batch++ * batchSize) % count;
      const indices = order.slice(start, Math.min(batchSize, count - start));
      const xb = xs.gather(indices);
      const yb = ys.gather(indices);
      return optimizer.minimize(
        () => {
          const predicted = model.apply(xb, { training: true }) as tf.Tensor2D;
          return classify ? (tf.metrics.categoricalCrossentropy(yb, predicted).mean() as tf.Scalar) : (tf.losses.meanSquaredError(yb, predicted) as tf.Scalar);
        },
        true,
        variables
      )!;
    });
  return {
    async run(n) {
      const started = performance.now();
      for (let i = 0; i < n - 1; i++) step().dispose();
      const loss = step();
      await loss.data();
      loss.dispose();
      return performance.now() - started;
    },
    dispose() {
      tf.dispose([xs, ys, order]);
      optimizer.dispose();
      model.dispose();
    }
  };
}
