// The nets every training benchmark uses: a lesson's tiny MLP on the spiral, and a mid-sized
// MNIST-shaped MLP on synthetic data (no download: the labels come from a fixed random projection).
import type * as tfType from "@tensorflow/tfjs";
import type { Example } from "../../src/teach/examples.ts";
import { mlp } from "../../src/teach/models.ts";
import { spiral } from "../../src/teach/datasets.ts";
import { seededRandom } from "../../src/teach/random.ts";

export interface BenchNet {
  name: string;
  build: () => tfType.LayersModel;
  examples: Example[];
  epochs: number;
  batchSize: number;
  learningRate: number;
}

export function tinyNet(long: boolean): BenchNet {
  return {
    name: "spiral 2-32-32-2",
    build: () => mlp({ inputs: 2, hidden: [32, 32], classes: [0, 1], seed: 1 }),
    examples: spiral({ perClass: 500, seed: 1 }),
    epochs: long ? 20 : 3,
    batchSize: 32,
    learningRate: 0.02
  };
}

export function midNet(long: boolean): BenchNet {
  return {
    name: "synthetic 784-128-10",
    build: () => mlp({ inputs: 784, hidden: [128], classes: 10, seed: 1 }),
    examples: projected(long ? 2048 : 512, 784, 10, 7),
    epochs: long ? 4 : 2,
    batchSize: 32,
    learningRate: 0.005
  };
}

/** Random inputs in [0, 1) labelled by the largest of `classes` fixed random projections. */
function projected(count: number, width: number, classes: number, seed: number): Example<number[], number>[] {
  const random = seededRandom(seed);
  const weights = Array.from({ length: classes }, () => Array.from({ length: width }, () => random() - 0.5));
  return Array.from({ length: count }, () => {
    const input = Array.from({ length: width }, () => random());
    let best = 0;
    let bestScore = -Infinity;
    weights.forEach((row, label) => {
      let score = 0;
      for (let i = 0; i < width; i++) score += row[i] * input[i];
      if (score > bestScore) [best, bestScore] = [label, score];
    });
    return { input, output: best };
  });
}

export function parameterCount(net: BenchNet): number {
  const model = net.build();
  const count = model.countParams();
  model.dispose();
  return count;
}
