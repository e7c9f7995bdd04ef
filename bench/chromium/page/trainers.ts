// Trainers in the bench page, as the app has them: the page's environment for the teaching kit
// (kernels/browser/teach.ts) with the trainer's Web Worker, so the chooser decides where and on
// what each net trains; full trainings on every trainer and backend, to hold the choice against
// the fastest; and one training of 10,000 examples with the page's responsiveness and memory
// watched while it runs.
import * as tf from "@tensorflow/tfjs";
import { browserTeachEnvironment } from "../../../kernels/browser/teach.ts";
import { createTeach } from "../../../src/teach/kit.ts";
import type { TrainerProgress } from "../../../src/teach/worker-trainer.ts";
import type { BackendChoice } from "../../../src/teach/backend-choice.ts";
import type { Example } from "../../../src/teach/examples.ts";
import { mlp } from "../../../src/teach/models.ts";
import { cnn } from "../../../src/teach/cnn.ts";
import { spiral } from "../../../src/teach/datasets.ts";
import { digits } from "../../../src/teach/digits.ts";
import { images } from "../../../src/teach/images.ts";

interface TrainerNet {
  build: () => tf.LayersModel;
  examples: (count: number) => Promise<Example[]>;
  batchSize: number;
  learningRate: number;
}

const nets: Record<string, TrainerNet> = {
  spiral: { build: () => mlp({ inputs: 2, hidden: [32, 32], classes: [0, 1], seed: 1 }), examples: async (count) => spiral({ perClass: count / 2, seed: 1 }), batchSize: 32, learningRate: 0.02 },
  cnn: { build: () => cnn({ size: 28, classes: 10, filters: [8, 16], seed: 1 }), examples: (count) => images(digits({ perClass: count / 10, seed: 1 }), { size: 28 }), batchSize: 32, learningRate: 0.01 }
};

let teach: ReturnType<ReturnType<typeof createTeach>> | undefined;
let chooseBackend: (request: Parameters<NonNullable<Awaited<ReturnType<ReturnType<typeof browserTeachEnvironment>>>["chooseBackend"]>>[0]) => Promise<BackendChoice>;
const sets = new Map<string, Example[]>();

async function setUp(): Promise<void> {
  if (teach) return;
  const environment = await browserTeachEnvironment({
    trainerWorker: () => new Worker(new URL("../../../kernels/browser/trainer-worker.ts", import.meta.url), { type: "module" })
  })();
  chooseBackend = environment.chooseBackend!;
  // No training cache: every training here trains. The bench keeps what it builds (it disposes itself).
  teach = createTeach({ ...environment, cache: undefined })({ own: () => undefined });
}

async function examplesOf(name: string, count: number): Promise<Example[]> {
  const key = `${name}:${count}`;
  if (!sets.has(key)) sets.set(key, await nets[name].examples(count));
  return sets.get(key)!;
}

/** What the app's chooser decides for this net, these examples and epochs. */
export async function chooseTrainer(name: string, count: number, epochs: number): Promise<BackendChoice> {
  await setUp();
  await tf.setBackend("wasm");
  const net = nets[name];
  const model = net.build();
  try {
    return await chooseBackend({ model, examples: await examplesOf(name, count), batchSize: net.batchSize, learningRate: net.learningRate, epochs });
  } finally {
    model.dispose();
  }
}

/** Milliseconds of one whole training on `trainer`/`backend`, as a cell runs it. */
export async function trainWith(name: string, count: number, epochs: number, trainer: "page" | "worker", backend: string): Promise<number> {
  await setUp();
  await tf.setBackend("wasm");
  const net = nets[name];
  const model = net.build();
  const examples = await examplesOf(name, count);
  const started = performance.now();
  const run = teach!.train(model, examples, { epochs, batchSize: net.batchSize, learningRate: net.learningRate, seed: 1, cache: false, trainer, backend });
  for await (const _ of run) void _;
  const ms = performance.now() - started;
  await run.return?.();
  model.dispose();
  return ms;
}

export interface WatchedTraining {
  choice: string;
  /** the choice's reasons: each backend's ms/step */
  summary: string;
  ms: number;
  /** making the examples (rasterising drawings), before the training */
  examplesMs: number;
  /** tasks over 50 ms while it trained, and the longest gap between frames */
  longTasks: number[];
  longestFrameMs: number;
  /** the page's JavaScript heap at its peak, sampled every frame (performance.memory), and before the examples were made */
  peakHeapBytes: number;
  heapBeforeBytes: number;
  /** tfjs's bytes at their peak: the page's, and the worker's as it reported them */
  peakPageTensorBytes: number;
  peakWorkerTensorBytes: number;
}

/** One training of `count` examples on the trainer the chooser picks, the page watched meanwhile. */
export async function watchTraining(name: string, count: number, epochs: number): Promise<WatchedTraining> {
  await setUp();
  await tf.setBackend("wasm");
  const net = nets[name];
  const heap = () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  const heapBeforeBytes = heap();
  const made = performance.now();
  const examples = await examplesOf(name, count);
  const examplesMs = performance.now() - made;
  const model = net.build();
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
  observer.observe({ type: "longtask" });
  let [longestFrameMs, peakHeapBytes, peakPageTensorBytes, peakWorkerTensorBytes] = [0, heap(), tf.memory().numBytes, 0];
  let last = performance.now();
  let watching = true;
  const frame = (now: number) => {
    longestFrameMs = Math.max(longestFrameMs, now - last);
    last = now;
    peakHeapBytes = Math.max(peakHeapBytes, heap());
    peakPageTensorBytes = Math.max(peakPageTensorBytes, tf.memory().numBytes);
    if (watching) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const started = performance.now();
  const run = teach!.train(model, examples, { epochs, batchSize: net.batchSize, learningRate: net.learningRate, seed: 1, cache: false });
  let choice = "";
  let summary = "";
  for await (const value of run) {
    const progress = value as TrainerProgress & { backend: BackendChoice };
    choice = `${progress.backend.backend} in the ${progress.backend.trainer ?? "page"}`;
    summary = progress.backend.summary;
    peakWorkerTensorBytes = Math.max(peakWorkerTensorBytes, progress.trainer?.memory?.worker.numBytes ?? 0);
  }
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 100)); // the observer reports a little late
  watching = false;
  observer.disconnect();
  await run.return?.();
  model.dispose();
  return { choice, summary, ms, examplesMs, longTasks, longestFrameMs, peakHeapBytes, heapBeforeBytes, peakPageTensorBytes, peakWorkerTensorBytes };
}
