// WebGPU in Chromium with a software adapter (SwiftShader through Vulkan): the trainer's worker
// times it beside wasm, WebGL and cpu, and a training forced onto it learns the spiral as wasm
// does. SwiftShader is very slow: this checks correctness, never speed (the bench measures that),
// and keeps to a few epochs.
import { describe, expect, it } from "vitest";
import { useApp } from "./helpers/app.ts";
import { openNotebook, output, screenshot, waitForOutput } from "./helpers/page.ts";
import { SOFTWARE_WEBGPU_FLAGS } from "../helpers/chromium-flags.ts";

const app = useApp({ folders: [{ from: "test/fixtures/trainers", to: "trainers" }], chromium: { args: SOFTWARE_WEBGPU_FLAGS, webgl: true } });

const TIMED = 4;
const COMPARED = 5;
/** A cell's JSON string, as the inspector shows it: `…` (a string with quotes in it) or "…". */
const json = (text: string) => {
  const shown = text.replace(/^[^=]*= /, "").trim();
  return JSON.parse(shown.startsWith("`") ? shown.slice(1, -1) : JSON.parse(shown));
};

describe("WebGPU with a software adapter", () => {
  it("is timed with every other backend, and a training forced onto it learns what wasm learns", async () => {
    await openNotebook(app.page, app.server.url, "trainers/webgpu.html");
    const timed = json(await waitForOutput(app.page, TIMED, /\[/, 300_000));
    expect(timed).toEqual(expect.arrayContaining(["wasm", "webgpu", "webgl", "cpu"]));
    const [wasm, webgpu] = json(await waitForOutput(app.page, COMPARED, /\[\{/, 300_000));
    expect(wasm).toMatchObject({ backend: "wasm", where: "worker" });
    expect(webgpu).toMatchObject({ backend: "webgpu", where: "worker", end: "3 epochs" });
    expect(wasm.end).toBe("3 epochs");
    expect(wasm.evaluated).toBeGreaterThan(0.5);
    expect(webgpu.loss).toBeCloseTo(wasm.loss, 3);
    expect(Math.abs(webgpu.accuracy - wasm.accuracy)).toBeLessThanOrEqual(0.02);
    // The weights it learned on the GPU, copied to the page, classify as wasm's do.
    expect(Math.abs(webgpu.evaluated - wasm.evaluated)).toBeLessThanOrEqual(0.02);
    expect(await output(app.page, 3).locator(".training-trainer").textContent()).toMatch(/^Trains in a Web Worker · page \d+ tensors \([\d.]+ KB\) · worker \d+ tensors \([\d.]+ KB\)$/);
    await screenshot(app.page, "webgpu-trainers");
    expect(app.errors).toEqual([]);
  });
});
