// Every shipped notebook runs headless and its key number holds (seeded, on the Node kernel's wasm).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import { parseExamplesCell } from "../../src/notebook/examples-source.ts";
import { packedInputs } from "../../src/teach/example-set.ts";
import { createNodeKernel } from "../../kernels/node/kernel.ts";
import { notebookFiles, projectRoot } from "../helpers/notebooks.ts";

/** Runs a shipped notebook to the end (no training cache) and returns its values by name. */
async function run(name: string) {
  const file = join(projectRoot, "notebooks", name);
  const { notebook } = await readNotebookFile(file);
  const kernel = createNodeKernel({ file, cache: false });
  try {
    kernel.load(notebook.cells);
    await kernel.runtime.settled();
    const reports = kernel.runtime.reports();
    const values: Record<string, any> = {};
    for (const report of reports) for (const key of report.names) values[key] = await kernel.runtime.value(key).catch(() => undefined);
    return {
      notebook,
      values,
      failed: reports.filter((r) => r.status !== "fulfilled" && r.error?.kind !== "needs-browser").map((r) => `cell ${r.id}: ${r.status} ${r.error?.message ?? ""}`),
      needsBrowser: reports.filter((r) => r.error?.kind === "needs-browser").map((r) => r.id)
    };
  } finally {
    kernel.dispose();
  }
}

const examplesCells = (notebook: Awaited<ReturnType<typeof run>>["notebook"], ids: number[]) =>
  ids.map((id) => parseExamplesCell(notebook.cells.find((cell) => cell.id === id)!.value).ok);

describe("shipped notebooks", () => {
  it("are the six lessons", () => {
    expect(notebookFiles("notebooks").map((file) => file.split("/").pop()).sort()).toEqual(["digits.html", "fuel-economy.html", "penguins.html", "rule-vs-model.html", "shapes.html", "spiral.html"]);
  });

  it("spiral: held-out accuracy is at least 0.95, and the plane's decision regions are sampled headless", async () => {
    const { values, failed, needsBrowser, notebook } = await run("spiral.html");
    expect(failed).toEqual([]);
    expect(needsBrowser).toEqual([]);
    expect(values.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(values.training).toMatchObject({ done: true, metrics: { accuracy: 1 } });
    expect(values.plane).toMatchObject({ widget: "plane", examples: values.examples, classes: [0, 1] });
    expect(values.plane.regions.classIndex).toHaveLength(40 * 40);
    expect(values.onExamples.examples).toBe(300);
    expect(examplesCells(notebook, [2])).toEqual([true]);
  });

  it("penguins: the species of test penguins is right at least 95% of the time", async () => {
    const { values, failed, needsBrowser } = await run("penguins.html");
    expect(failed).toEqual([]);
    expect(needsBrowser).toEqual([]);
    expect(values.examples).toHaveLength(342);
    expect(values.examples.skipped).toBe(2);
    expect(values.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(values.evaluation.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(values.sets.test.length);
  });

  it("fuel economy: the mean absolute error on test cars is below 2.5 mpg, with residuals", async () => {
    const { values, failed, needsBrowser } = await run("fuel-economy.html");
    expect(failed).toEqual([]);
    expect(needsBrowser).toEqual([]);
    expect(values.mae).toBeLessThan(2.5);
    // The SQL section: DuckDB picks the cars from 1980 on, and they become examples the model is scored on.
    expect(values.recent.length).toBeGreaterThan(50);
    expect(values.recent.every((car: { year: number }) => car.year >= 1980)).toBe(true);
    expect(values.recentExamples.length).toBe(values.recent.length - values.recentExamples.skipped);
    expect(values.recentEvaluation.mae).toBeLessThan(5);
    expect(values.residuals).toHaveLength(values.sets.test.length);
    expect(values.training.history.at(-1).loss).toBeLessThan(values.training.history[0].loss);
  });

  it("rule vs model: the model beats the hand-written rule on new strings, and the disagreements are listed", async () => {
    const { values, failed, needsBrowser, notebook } = await run("rule-vs-model.html");
    expect(failed).toEqual([]);
    expect(needsBrowser).toEqual([]);
    expect(values.ruleAccuracy).toBeCloseTo(43 / 60);
    expect(values.modelAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(values.comparison.disagreements.length).toBeGreaterThanOrEqual(10);
    expect(examplesCells(notebook, [3, 7])).toEqual([true, true]);
  });

  it("shapes: at least 85% of new drawings are named right after training on the 32 in the file", async () => {
    const { values, failed, needsBrowser, notebook } = await run("shapes.html");
    expect(failed).toEqual([]);
    expect(needsBrowser).toEqual([]);
    expect(values.drawings).toHaveLength(32);
    expect(values.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(examplesCells(notebook, [2])).toEqual([true]);
  });

  it("digits: the convolutional net reads new digits as well as its Markdown says (at least 95%)", async () => {
    const { values, failed, needsBrowser, notebook } = await run("digits.html");
    expect(failed).toEqual([]);
    expect(needsBrowser).toEqual([]);
    expect(values.drawings).toHaveLength(510);
    expect(packedInputs(values.images)).toMatchObject({ width: 784 });
    expect(values.training).toMatchObject({ done: true, epoch: 6 });
    expect(values.accuracy).toBeGreaterThanOrEqual(0.95);
    const stated = /it reads ([\d.]+)% of them/.exec(notebook.cells.find((cell) => cell.id === 11)!.value)![1];
    expect(values.accuracy).toBeCloseTo(Number(stated) / 100, 2);
    expect(examplesCells(notebook, [2])).toEqual([true]);
  });
});
