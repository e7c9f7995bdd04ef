// bench/gpu.mjs as the GPU machine runs it: bundled into one file, run by a bare node in a folder
// with no node_modules. Here (no `webgpu` package, no GPU) it measures the spiral net and the CNN on
// cpu and says why WebGPU was left out; with the package beside it on a GPU machine it adds webgpu
// and the ratio.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleGpuBench } from "../../bench/bundle-gpu.mjs";

const folder = mkdtempSync(join(tmpdir(), "exemplar-gpu-bench-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the GPU benchmark bundle", () => {
  it("runs alone on cpu, timing both nets per epoch, and says how to get WebGPU", async () => {
    const bundle = await bundleGpuBench(join(folder, "gpu.mjs"));
    // Small enough to carry to the GPU machine beside a Node binary and Dawn (64 MiB in all).
    expect(statSync(bundle).size).toBeLessThan(12 << 20);
    const run = spawnSync(process.execPath, [bundle, "--quick", "--epochs", "1", "--json"], { cwd: folder, encoding: "utf8", timeout: 120_000 });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.backends).toEqual(["cpu"]);
    expect(report.rows.map((row: { net: string; backend: string }) => `${row.net} · ${row.backend}`)).toEqual(["spiral 2-32-32-2 · cpu", "digits CNN 28×28 (8, 16 filters) · cpu"]);
    for (const row of report.rows) {
      expect(row.perEpochS).toBeGreaterThan(0);
      expect(Number.isFinite(row.loss)).toBe(true);
    }
    expect(report.ratios).toEqual([]);
    expect(report.notes).toEqual(["webgpu: not installed: the optional `webgpu` package is needed for a GPU (npm install webgpu); measuring cpu alone"]);
  });
});
