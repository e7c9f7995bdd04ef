// Small generated data sets for lessons, seeded so every run gives the same examples.
import type { Example } from "./examples.ts";
import { normal, seededRandom } from "./random.ts";

export interface SpiralOptions {
  /** examples per class (two classes); default 100 */
  perClass?: number;
  /** default 1 */
  seed?: number;
  /** standard deviation of the noise added to each point, in input units; default 0.02 */
  noise?: number;
  /** how many half-turns each arm makes; default 1.75 × 2 */
  turns?: number;
}

/**
 * Two interleaved spirals in [-1, 1]², the classic example a straight line cannot separate.
 * Points sit at random places along each arm, so two seeds give different (held-out) sets.
 */
export function spiral({ perClass = 100, seed = 1, noise = 0.02, turns = 3.5 }: SpiralOptions = {}): Example<number[], number>[] {
  const random = seededRandom(seed);
  const examples: Example<number[], number>[] = [];
  for (let i = 0; i < perClass; i++) {
    for (const label of [0, 1]) {
      const along = random();
      const radius = 0.05 + 0.95 * along;
      const angle = turns * Math.PI * along + label * Math.PI;
      const x = radius * Math.sin(angle) + noise * normal(random);
      const y = radius * Math.cos(angle) + noise * normal(random);
      examples.push({ input: [round(x), round(y)], output: label });
    }
  }
  return examples;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
