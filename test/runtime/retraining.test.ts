// The promise at the heart of Exemplar, on the real spiral notebook and the real Node kernel:
// changing one example cancels the stale training, retrains, and re-evaluates downstream.
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import type { Cell } from "@observablehq/notebook-kit";
import type { TrainingProgress } from "../../src/teach/train.ts";
import type { NotebookRuntime } from "../../src/runtime/notebook-runtime.ts";
import { loadNotebook, projectRoot, reportWhere, valueOf } from "../helpers/notebooks.ts";

const SPIRAL = join(projectRoot, "notebooks", "spiral.html");
const EXAMPLES = 2;
const TRAINING = 4;
const EVALUATION = 6;

/** The examples cell with the first generated example's label flipped (or not). */
function examplesCell(original: Cell, flip: boolean): Cell {
  const value = flip
    ? original.value.replace(/\];\s*$/, "].map((example, i) => (i === 0 ? { ...example, output: 1 - example.output } : example));")
    : original.value;
  return { ...original, value };
}

function trainingOf(runtime: NotebookRuntime): TrainingProgress | undefined {
  return valueOf<TrainingProgress>(runtime.report(TRAINING), "training");
}

async function trainingPastEpoch(runtime: NotebookRuntime, epoch: number): Promise<TrainingProgress> {
  const report = await reportWhere(runtime, TRAINING, (r) => (valueOf<TrainingProgress>(r, "training")?.epoch ?? 0) >= epoch);
  return valueOf<TrainingProgress>(report, "training");
}

describe("changing an example", () => {
  it("cancels the running training within one epoch, retrains, and the accuracy cell fulfils again", async () => {
    const { notebook, runtime, kernel } = await loadNotebook(SPIRAL);
    const original = notebook.cells.find((cell) => cell.id === EXAMPLES)!;
    const firstAccuracy = await reportWhere(runtime, EVALUATION, (r) => r.status === "fulfilled");
    expect(valueOf<number>(firstAccuracy, "accuracy")).toBeGreaterThan(0);

    const stale = await trainingPastEpoch(runtime, 2);
    expect(stale.run.state).toBe("training");
    const epochAtEdit = stale.run.epochsCompleted;
    const runsBefore = runtime.report(EVALUATION)!.runs;
    runtime.define(examplesCell(original, true));

    const fresh = await reportWhere(runtime, TRAINING, (r) => {
      const progress = valueOf<TrainingProgress>(r, "training");
      return !!progress && progress.run !== stale.run && progress.epoch >= 1;
    });
    expect(stale.run.state).toBe("stopped");
    expect(stale.run.epochsCompleted).toBeLessThanOrEqual(epochAtEdit + 1);

    const newRun = valueOf<TrainingProgress>(fresh, "training").run;
    const after = await reportWhere(runtime, EVALUATION, (r) => r.status === "fulfilled" && trainingOf(runtime)?.run === newRun && r.runs > runsBefore);
    expect(valueOf<number>(after, "accuracy")).toBeGreaterThan(0);
    await runtime.settled();
    expect(newRun.state).toBe("finished");
    expect(valueOf<number>(runtime.report(EVALUATION), "accuracy")).toBeGreaterThanOrEqual(0.95);
    kernel.dispose();
  });

  it("ten redefinitions leave no tensors behind, and dispose() frees the rest", async () => {
    const baseline = tf.memory().numTensors;
    const { notebook, runtime, kernel } = await loadNotebook(SPIRAL);
    const original = notebook.cells.find((cell) => cell.id === EXAMPLES)!;
    await runtime.settled();
    const settledCount = tf.memory().numTensors;
    expect(settledCount).toBeGreaterThan(baseline); // the model and the trained copy, in this very tfjs
    let last: TrainingProgress | undefined = trainingOf(runtime);
    for (let i = 1; i <= 10; i++) {
      runtime.define(examplesCell(original, i % 2 === 1));
      // Let each new run get under way, then replace it mid-training.
      const progress = await reportWhere(runtime, TRAINING, (r) => {
        const value = valueOf<TrainingProgress>(r, "training");
        return !!value && value.run !== last?.run && value.epoch >= 1;
      });
      last = valueOf<TrainingProgress>(progress, "training");
    }
    await runtime.settled();
    expect(last?.run.state).toBe("finished");
    expect(tf.memory().numTensors).toBe(settledCount);
    kernel.dispose();
    expect(runtime.variableCount()).toBe(0);
    // The models and training copies go with their cells' invalidation.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
