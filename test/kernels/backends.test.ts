// The Node kernel's backends: each training runs where its model trains fastest (measured), the
// CLI can pin one, and WebGPU (the optional `webgpu` package) is used only where a GPU answers;
// otherwise the kernel says why and trains on wasm/cpu.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { exemplar } from "../helpers/exemplar-cli.ts";
import { describe, expect, it } from "vitest";
import { runNotebookFile } from "../../kernels/node/run.ts";
import { enableWebGpu } from "../../kernels/node/webgpu.ts";
import { projectRoot } from "../helpers/notebooks.ts";

const NOTEBOOK = "test/fixtures/small-training.html";
const webgpuInstalled = existsSync(join(projectRoot, "node_modules/webgpu/package.json"));

describe("WebGPU in the Node kernel", () => {
  it("without the webgpu package, says it is not installed and how to install it", async () => {
    const probe = await enableWebGpu("webgpu-package-that-is-not-installed");
    expect(probe).toEqual({
      ok: false,
      reason: "not installed: the optional `webgpu-package-that-is-not-installed` package is needed for a GPU (npm install webgpu-package-that-is-not-installed)"
    });
  });

  it.runIf(webgpuInstalled)("with the webgpu package on a machine without a GPU, says there is no GPU adapter", async () => {
    const probe = await enableWebGpu();
    // On a machine with a GPU this finds its adapter instead.
    if (probe.ok) expect(probe.adapter).not.toBe("");
    else expect(probe.reason).toMatch(/^no GPU adapter: /);
  });
});

describe("the Node kernel chooses each training's backend", () => {
  it("times the model on wasm and cpu, trains on the faster, and says why webgpu is not used", async () => {
    const result = await runNotebookFile(join(projectRoot, NOTEBOOK));
    expect(result.ok).toBe(true);
    expect(result.backendChoices).toHaveLength(1);
    const [choice] = result.backendChoices;
    expect(choice.reason).toBe("measured");
    expect(choice.timings.map((t) => t.backend)).toEqual(["wasm", "cpu"]);
    expect(choice.summary).toMatch(/^wasm: ~?[\d.]+ ms\/step, cpu: ~?[\d.]+ ms\/step → (wasm|cpu)$/);
    expect(result.backend).toBe(choice.backend);
    expect(result.cells.find((cell) => cell.names.includes("trainedOn"))?.values?.trainedOn).toBe(choice.backend);
    expect(result.backendNotes).toEqual([
      expect.stringMatching(webgpuInstalled ? /^webgpu: no GPU adapter: .*; training on wasm\/cpu$/ : /^webgpu: not installed: .*\(npm install webgpu\); training on wasm\/cpu$/)
    ]);
  });

  it("exemplar run prints the choice and the reason for a missing GPU under the table", async () => {
    const run = await exemplar("run", NOTEBOOK);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines.at(-3)).toMatch(/^training backend: wasm: ~?[\d.]+ ms\/step, cpu: ~?[\d.]+ ms\/step → (wasm|cpu)$/);
    expect(lines.at(-2)).toMatch(/^webgpu: (no GPU adapter|not installed): /);
    expect(lines.at(-1)).toMatch(/^backend: (wasm|cpu) · \d+ ms$/);
  });

  it("a pinned backend (--backend) is used as is: nothing is timed and webgpu is not probed", async () => {
    const result = await runNotebookFile(join(projectRoot, NOTEBOOK), { backends: ["cpu"] });
    expect(result.ok).toBe(true);
    expect(result).toMatchObject({ backend: "cpu", backendNotes: [], backendChoices: [{ backend: "cpu", reason: "pinned", timings: [], summary: "cpu (pinned)" }] });
  });

  it("a pinned webgpu without a GPU says why and trains on wasm instead", async () => {
    const result = await runNotebookFile(join(projectRoot, NOTEBOOK), { backends: ["webgpu"] });
    expect(result.ok).toBe(true);
    expect(result.backend).toBe("wasm");
    expect(result.backendNotes).toEqual([expect.stringMatching(/^webgpu: (no GPU adapter|not installed): .*; training on wasm\/cpu$/)]);
    expect(result.backendChoices).toMatchObject([{ backend: "wasm", reason: "pinned" }]);
  });
});
