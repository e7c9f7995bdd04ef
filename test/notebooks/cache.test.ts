// Reopening a notebook shows its results without retraining: the second `exemplar run` is served
// from the cache folder beside the notebook.
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import { createNodeKernel } from "../../kernels/node/kernel.ts";
import { runNotebookFile } from "../../kernels/node/run.ts";
import { projectRoot } from "../helpers/notebooks.ts";

const folder = mkdtempSync(join(tmpdir(), "exemplar-reopen-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const file = join(folder, "rule-vs-model.html");
copyFileSync(join(projectRoot, "notebooks/rule-vs-model.html"), file);

async function trainingValue() {
  const { notebook } = await readNotebookFile(file);
  const kernel = createNodeKernel({ file });
  try {
    kernel.load(notebook.cells);
    await kernel.runtime.settled();
    return { training: (await kernel.runtime.value("training")) as { cached: boolean; epoch: number; history: unknown[] }, accuracy: await kernel.runtime.value("modelAccuracy") };
  } finally {
    kernel.dispose();
  }
}

describe("the training cache beside a notebook", () => {
  it("the second exemplar run is served from the cache, with the same results", async () => {
    const first = (await runNotebookFile(file)).cells.map((cell) => cell.summary);
    const cacheFolder = join(folder, ".exemplar/cache");
    expect(readdirSync(cacheFolder).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.bin$/), expect.stringMatching(/^[0-9a-f]{64}\.json$/)]);
    const { stdout } = await promisify(execFile)(process.execPath, [join(projectRoot, "kernels/node/exemplar.js"), "run", file, "--json"], { cwd: projectRoot });
    const second = JSON.parse(stdout).cells.map((cell: { summary: string }) => cell.summary) as string[];
    expect(first[5]).toMatch(/^epoch \d+\/60 .*accuracy 1$/);
    expect(second[5]).toBe(`${first[5]} (cached)`);
    expect(second.filter((_, i) => i !== 5)).toEqual(first.filter((_, i) => i !== 5));
  });

  it("a reopened notebook's training value says it came from the cache; without the cache it trains again", async () => {
    const reopened = await trainingValue();
    expect(reopened.training).toMatchObject({ cached: true, done: true });
    expect(reopened.training.history).toHaveLength(reopened.training.epoch);
    expect(reopened.accuracy).toBeGreaterThanOrEqual(0.9);
    const retrained = await runNotebookFile(file, { cache: false });
    expect(retrained.ok).toBe(true);
    expect(retrained.cells[5].summary).not.toMatch(/cached/);
  });
});
