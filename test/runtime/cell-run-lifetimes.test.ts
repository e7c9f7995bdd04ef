// What a cell run builds with `teach` — models, loaded models, trainings — is released when that
// run is invalidated, also when it was built after an `await`; a helper from another cell builds
// for the cell that calls it. Counted with tfjs's own tensor count, on the real Node kernel.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Cell } from "@observablehq/notebook-kit";
import { diskFiles } from "../../kernels/node/files.ts";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import type { NodeKernel } from "../../kernels/node/kernel.ts";
import { besideNotebook } from "../../src/notebook/notebook-files.ts";
import { saveModel } from "../../src/teach/model-files.ts";
import { mlp } from "../../src/teach/models.ts";
import { cells, kernelsDisposedAfterEach } from "../helpers/notebooks.ts";

const newKernel = kernelsDisposedAfterEach();
// 2 inputs, a hidden layer of 2, 2 classes: 4 weight tensors (2 kernels, 2 biases).
const SMALL = "{inputs: 2, hidden: [2], classes: [0, 1], seed: 1}";
const WEIGHTS_OF_ONE_MODEL = 4;

/** A kernel whose tfjs and teaching kit are loaded, and the tensor count then. */
async function readyKernel(options: Parameters<typeof newKernel>[0] = {}): Promise<{ kernel: NodeKernel; before: number }> {
  const kernel = newKernel({ cache: false, ...options });
  kernel.load(cells("const ready = (await tf.ready(), teach.spiral);"));
  await kernel.runtime.settled();
  return { kernel, before: tf.memory().numTensors };
}

async function rerun(kernel: NodeKernel, cell: Cell, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    kernel.runtime.define(cell, true);
    await kernel.runtime.settled();
  }
}

describe("what a cell run builds is released when the run is invalidated", () => {
  beforeAll(() => loadTensorflow());

  it("a cell that builds a model after await, re-run 12 times, leaves the tensors of one model", async () => {
    const { kernel, before } = await readyKernel();
    const notebook = cells("const ready = (await tf.ready(), teach.spiral);", `const model = (await null, teach.mlp(${SMALL}));`);
    kernel.load(notebook);
    await kernel.runtime.settled();
    expect(kernel.runtime.report(2)?.status).toBe("fulfilled");
    expect(tf.memory().numTensors).toBe(before + WEIGHTS_OF_ONE_MODEL);
    await rerun(kernel, notebook[1], 12);
    expect(tf.memory().numTensors).toBe(before + WEIGHTS_OF_ONE_MODEL);
    kernel.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tf.memory().numTensors).toBe(before);
  });

  it("models built by classifier and regressor after awaits, and a training iterated by another cell, are released too", async () => {
    const { kernel, before } = await readyKernel();
    const examples = "[{input: [0, 1], output: 0}, {input: [1, 0], output: 1}, {input: [1, 1], output: 1}]";
    const notebook = cells(
      "const ready = (await tf.ready(), teach.spiral);",
      `const built = await (async () => { await null; const a = teach.classifier(${examples}, {hidden: [2]}); await null; return {a, b: teach.regressor(${examples}, {hidden: [2]})}; })();`,
      // The training is not the cell's value: the runtime never iterates or stops it.
      `const holder = (await null, {training: teach.train(built.a, ${examples}, {epochs: 3})});`,
      // Pulled to its end here, so the count below does not depend on how far it got.
      "let last = 0; for (let step = await holder.training.next(); !step.done; step = await holder.training.next()) last = step.value.epoch;"
    );
    kernel.load(notebook);
    await kernel.runtime.settled();
    const settledCount = tf.memory().numTensors;
    expect(kernel.runtime.reports().map((report) => report.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    await rerun(kernel, notebook[2], 3);
    await rerun(kernel, notebook[1], 3);
    expect(tf.memory().numTensors).toBe(settledCount);
    kernel.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tf.memory().numTensors).toBe(before);
  });

  it("a model loaded after await is released when its cell re-runs", async () => {
    const folder = mkdtempSync(join(tmpdir(), "exemplar-lifetimes-"));
    try {
      const model = mlp({ inputs: 2, hidden: [2], classes: [0, 1] });
      await saveModel(model, "models/small", besideNotebook(diskFiles(folder), "notebook.html"));
      model.dispose();
      const { kernel, before } = await readyKernel({ file: join(folder, "notebook.html") });
      const notebook = cells("const ready = (await tf.ready(), teach.spiral);", 'const loaded = (await null, await teach.load("models/small"));');
      kernel.load(notebook);
      await kernel.runtime.settled();
      expect(kernel.runtime.report(2)?.status).toBe("fulfilled");
      await rerun(kernel, notebook[1], 5);
      expect(tf.memory().numTensors).toBe(before + WEIGHTS_OF_ONE_MODEL);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("a helper defined in one cell and called in another", () => {
  beforeAll(() => loadTensorflow());

  it("builds for the calling cell: re-running the caller 12 times leaves one model, and so does re-running the helper's cell", async () => {
    const { kernel, before } = await readyKernel();
    const notebook = cells(
      "const ready = (await tf.ready(), teach.spiral);",
      `function makeModel() { return teach.mlp(${SMALL}); }`,
      "const model = makeModel();",
      "const other = makeModel();"
    );
    kernel.load(notebook);
    await kernel.runtime.settled();
    expect(tf.memory().numTensors).toBe(before + 2 * WEIGHTS_OF_ONE_MODEL);
    await rerun(kernel, notebook[2], 12);
    expect(tf.memory().numTensors).toBe(before + 2 * WEIGHTS_OF_ONE_MODEL);
    // The helper's cell re-runs: so do both callers, and each frees what its last run built.
    await rerun(kernel, notebook[1], 2);
    expect(tf.memory().numTensors).toBe(before + 2 * WEIGHTS_OF_ONE_MODEL);
    // A caller that is deleted frees its model; the other caller's model stays, still usable.
    kernel.runtime.delete(3);
    await kernel.runtime.settled();
    expect(tf.memory().numTensors).toBe(before + WEIGHTS_OF_ONE_MODEL);
  });

  it("called after the caller's first await, the model belongs to the helper's cell and is freed when that cell re-runs", async () => {
    const { kernel, before } = await readyKernel();
    const notebook = cells("const ready = (await tf.ready(), teach.spiral);", `function makeModel() { return teach.mlp(${SMALL}); }`, "const model = (await null, makeModel());");
    kernel.load(notebook);
    await kernel.runtime.settled();
    await rerun(kernel, notebook[2], 3);
    // The caller's earlier runs' models wait for the helper's cell…
    expect(tf.memory().numTensors).toBe(before + 4 * WEIGHTS_OF_ONE_MODEL);
    // …whose re-run frees them all (and re-runs the caller, which builds one).
    await rerun(kernel, notebook[1], 1);
    expect(tf.memory().numTensors).toBe(before + WEIGHTS_OF_ONE_MODEL);
  });
});
