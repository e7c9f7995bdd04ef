// Memory: a spiral notebook on the Node kernel re-trained 100 times (each edit replaces a training
// mid-run, as a teacher editing examples does); tfjs's tensor count and bytes once it settles,
// against the same notebook settled after its first training. Goal: no growth.
import type * as tfType from "@tensorflow/tfjs";
import type { BenchRow } from "../lib/table.ts";
import { benchKernel, jsCells, reportWhere, valueOf } from "./notebook.ts";

const EXAMPLES = 1;
const TRAINING = 3;

function cells(flipped: number) {
  return jsCells([
    `const examples = teach.spiral({perClass: 60, seed: 1}).map((e, i) => (i === 0 ? {...e, output: ${flipped}} : e));`,
    `const model = teach.mlp({inputs: 2, hidden: [32, 32], classes: [0, 1], seed: 1});`,
    `const training = teach.train(model, examples, {epochs: 10, batchSize: 32, learningRate: 0.02, seed: 1});`,
    `const heldOut = teach.spiral({perClass: 50, seed: 2});`,
    `const evaluation = await teach.evaluate(training, heldOut); const accuracy = evaluation.accuracy;`
  ]);
}

export async function memoryBench(tf: typeof tfType, { long = false } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const retrains = long ? 300 : 100;
  const kernel = benchKernel(cells(0));
  await kernel.runtime.settled();
  const before = tf.memory();
  let last: unknown = valueOf<{ run: unknown }>(kernel.runtime.report(TRAINING), "training")?.run;
  const halfway: { numTensors: number; numBytes: number }[] = [];
  for (let i = 1; i <= retrains; i++) {
    kernel.runtime.define(cells(i % 2)[EXAMPLES - 1]);
    // Let the new run get under way, then the next edit replaces it mid-training.
    const report = await reportWhere(kernel, TRAINING, (r) => {
      const progress = valueOf<{ run: unknown; epoch: number }>(r, "training");
      return !!progress && progress.run !== last && progress.epoch >= 1;
    });
    last = valueOf<{ run: unknown }>(report, "training")?.run;
    if (i === retrains / 2) halfway.push(await settledMemory(tf, kernel));
  }
  const after = await settledMemory(tf, kernel);
  kernel.dispose();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const closed = tf.memory();
  const growth = after.numTensors - before.numTensors;
  return {
    rows: [
      {
        bench: "memory",
        case: `spiral notebook re-trained ${retrains}× (each replaced mid-training) · ${tf.getBackend()}`,
        measured: `${after.numTensors} tensors, ${kib(after.numBytes)} after`,
        baseline: `${before.numTensors} tensors, ${kib(before.numBytes)} after the first training`,
        ratio: after.numBytes / before.numBytes,
        ratioText: `${growth >= 0 ? "+" : ""}${growth} tensors, ${after.numBytes - before.numBytes >= 0 ? "+" : ""}${after.numBytes - before.numBytes} bytes`,
        goal: "no growth",
        met: growth <= 0 && after.numBytes <= before.numBytes,
        data: { before: pick(before), halfway, after, closed: pick(closed) }
      }
    ],
    notes: [`memory: after closing the notebook ${closed.numTensors} tensors (${kib(closed.numBytes)}) remain in the process`]
  };
}

async function settledMemory(tf: typeof tfType, kernel: ReturnType<typeof benchKernel>) {
  await kernel.runtime.settled();
  return pick(tf.memory());
}

function pick(memory: tfType.MemoryInfo) {
  return { numTensors: memory.numTensors, numBytes: memory.numBytes };
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
