// Times real training steps of a model on several backends: the step `train` takes (gather a
// batch, minimize the loss with Adam inside one tidy), on a copy of the model and a slice of the
// real examples. Backends take turns round by round, so the JIT warming up during the first
// steps of a fresh process favours none of them, and each backend's fastest round counts: on a
// shared machine the slower rounds measure the other programs that preempted this one.
import * as tf from "@tensorflow/tfjs";
import { cloneModel } from "./clone.ts";
import { examplesToTensors, labelsOf, type Example } from "./examples.ts";
import { taskOf } from "./task.ts";
import type { BackendTiming } from "./backend-choice.ts";

export interface StepTimingOptions {
  /** the backends to time, each ready to start */
  backends: string[];
  /** makes a backend current (tfjs.setBackend, checked) */
  use: (backend: string) => Promise<void>;
  batchSize: number;
  learningRate?: number;
  /** untimed steps per backend first, at least 3 and this many milliseconds (kernels compile, the JIT warms up); default 40 */
  warmupMs?: number;
  /** timed rounds per backend, each ending by reading the loss (so queued GPU work counts); default 8 */
  rounds?: number;
  /** rough milliseconds of timed steps per backend; default 100 */
  budgetMs?: number;
}

interface Stepper {
  /** runs `n` steps and resolves with the milliseconds they took, the last loss read back */
  run(n: number): Promise<number>;
  dispose(): void;
}

export async function timeTrainingSteps(template: tf.LayersModel, examples: Example[], options: StepTimingOptions): Promise<BackendTiming[]> {
  const { backends, use, batchSize, learningRate = 0.01, warmupMs = 40, rounds = 8, budgetMs = 100 } = options;
  const steppers = new Map<string, { stepper: Stepper; steps: number; samples: number[] }>();
  const timings = new Map<string, BackendTiming>();
  try {
    for (const backend of backends) {
      try {
        await use(backend);
        const stepper = await prepareSteps(template, examples, batchSize, learningRate);
        steppers.set(backend, { stepper, steps: 1, samples: [] });
        let warm = 0;
        let single = Infinity;
        for (let step = 0; step < 3 || warm < warmupMs; step++) {
          single = await stepper.run(1);
          warm += single;
        }
        // Size each round from the last warm step, so a slow backend is not timed for long.
        steppers.get(backend)!.steps = Math.max(2, Math.min(50, Math.round(budgetMs / rounds / Math.max(single, 0.01))));
      } catch (error) {
        timings.set(backend, { backend, msPerStep: NaN, steps: 0, error: (error as Error)?.message ?? String(error) });
      }
    }
    for (let round = 0; round < rounds; round++) {
      const names = [...steppers.keys()];
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const backend of order) {
        const entry = steppers.get(backend)!;
        try {
          await use(backend);
          entry.samples.push((await entry.stepper.run(entry.steps)) / entry.steps);
        } catch (error) {
          timings.set(backend, { backend, msPerStep: NaN, steps: 0, error: (error as Error)?.message ?? String(error) });
          entry.stepper.dispose();
          steppers.delete(backend);
        }
      }
    }
    for (const [backend, { steps, samples }] of steppers) timings.set(backend, { backend, msPerStep: Math.min(...samples), steps: steps * rounds });
  } finally {
    for (const { stepper } of steppers.values()) stepper.dispose();
  }
  return backends.map((backend) => timings.get(backend)!);
}

/** A copy of the model, a slice of the examples and an optimizer, on the current backend. */
async function prepareSteps(template: tf.LayersModel, examples: Example[], batchSize: number, learningRate: number): Promise<Stepper> {
  const task = taskOf(template, labelsOf(examples));
  const sample = examples.slice(0, Math.min(examples.length, batchSize * 8));
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
