// Property: a training that ends on `until` reports the numbers of the model it hands on. Whatever
// the seed, the target, the patience, and whether it warm-started from a run on fewer examples,
// its accuracy is what evaluating that model on the same examples gives, and a run that says it
// reached the target has reached it on that evaluation.
import fc from "fast-check";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { train, type TrainingProgress, type TrainingRun } from "../../src/teach/train.ts";
import { mlp } from "../../src/teach/models.ts";
import { spiral } from "../../src/teach/datasets.ts";
import { evaluate } from "../../src/teach/evaluate.ts";
import { WeightMemory } from "../../src/teach/warm-start.ts";

beforeAll(() => loadTensorflow());

async function finalOf(run: TrainingRun): Promise<TrainingProgress> {
  let last: TrainingProgress | undefined;
  for await (const value of run) last = value;
  return last!;
}

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 10_000 }),
  perClass: fc.integer({ min: 10, max: 150 }),
  accuracy: fc.constantFrom(0.8, 0.9, 0.95, 1),
  patience: fc.integer({ min: 1, max: 3 }),
  warm: fc.boolean()
});

describe("the stop rule", () => {
  it("after an `until` stop, training.metrics.accuracy equals teach.evaluate(training, examples).accuracy on the same examples", async () => {
    const tensorsBefore = tf.memory().numTensors;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ seed, perClass, accuracy, patience, warm }) => {
        const memory = new WeightMemory();
        const model = mlp({ inputs: 2, hidden: [12, 12], classes: [0, 1], seed });
        const examples = spiral({ perClass, seed });
        const options = { epochs: 25, batchSize: 16, learningRate: 0.03, seed, memory, until: { accuracy }, patience };
        let previous: TrainingRun | undefined;
        if (warm) {
          // The run a warm start continues from: the same net on all but the last few examples.
          previous = train(model, examples.slice(0, -3), { ...options, epochs: 8 });
          await finalOf(previous);
        }
        const run = train(model, examples, { ...options, warmStart: warm });
        const final = await finalOf(run);
        try {
          expect(final.warmStarted).toBe(warm);
          const measured = await evaluate(final, examples);
          expect(measured.kind).toBe("classify");
          expect(final.metrics.accuracy).toBe(measured.kind === "classify" ? measured.accuracy : NaN);
          expect(final.history.at(-1)?.accuracy).toBe(final.metrics.accuracy);
          if (final.end!.reason === "reached") {
            expect(final.metrics.accuracy).toBeGreaterThanOrEqual(accuracy);
            // With patience, the target held for that many epochs in a row, each judged after its epoch.
            expect(final.history.slice(-patience).every((record) => record.accuracy! >= accuracy)).toBe(true);
          } else expect(final.end).toMatchObject({ reason: "epochs", epoch: 25 });
        } finally {
          await previous?.return();
          await run.return();
          model.dispose();
        }
      }),
      { numRuns: 8 }
    );
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
