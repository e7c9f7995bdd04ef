// A training's controls in real Chromium: the panel's Pause holds a training (the cell keeps
// running, its clock stands still in the panel and the footer alike) and Resume continues it; the
// cell's Stop ends it, keeping the model, and the panel says why it ended; a training that reaches
// its `until` says so; the curves of a one-epoch training are drawn.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cell, openNotebook, output, SCREENSHOTS, waitForStatus } from "./helpers/page.ts";
import { useApp } from "./helpers/app.ts";

const app = useApp();

const NOTEBOOK = `<!doctype html>
<notebook theme="air">
  <title>Training controls</title>
  <script id="1" type="module">
    const examples = teach.spiral({perClass: 100, seed: 1});
  </script>
  <script id="2" type="module">
    const model = teach.mlp({inputs: 2, hidden: [16], classes: [0, 1], seed: 1});
  </script>
  <script id="3" type="module">
    const long = teach.train(model, examples, {epochs: 5000, batchSize: 8, seed: 1});
  </script>
  <script id="4" type="module">
    const quick = teach.train(model, examples, {epochs: 300, learningRate: 0.05, seed: 1, until: {accuracy: 0.8}});
  </script>
  <script id="5" type="module">
    const once = teach.train(model, examples, {epochs: 1, seed: 1});
  </script>
  <script id="6" type="module">
    teach.widgets.curves(once)
  </script>
</notebook>
`;

const LONG = 3;
const QUICK = 4;
const CURVES = 6;

const panel = (id: number) => output(app.page, id).locator('[data-widget="training"]');
const text = (id: number, selector: string) => panel(id).locator(selector).textContent();
const footer = (id: number) => cell(app.page, id).locator(".cell-status-text").textContent();

describe("a training's controls in the page", () => {
  it("Pause holds the training and its clock, Resume continues it, and the cell's Stop ends it saying so", async () => {
    writeFileSync(join(app.server.root, "training-controls.html"), NOTEBOOK);
    await openNotebook(app.page, app.server.url, "training-controls.html");
    await panel(LONG).locator(".training-state", { hasText: "Training" }).waitFor();
    // The panel's control pauses; the cell's own control is named Stop.
    const pause = panel(LONG).getByRole("button", { name: "Pause" });
    const stop = cell(app.page, LONG).getByRole("button", { name: "Stop this cell" });
    await pause.click();
    await panel(LONG).locator(".training-state", { hasText: "Paused" }).waitFor();
    await app.page.waitForFunction((id) => document.querySelector(`[data-cell-id="${id}"] .cell-status-text`)?.textContent?.startsWith("Paused"), LONG);
    expect(await cell(app.page, LONG).getAttribute("data-status")).toBe("running");
    expect(await stop.isVisible()).toBe(true);
    const held = { footer: await footer(LONG), panel: await text(LONG, ".training-time") };
    expect(held.footer).toBe(`Paused · ${held.panel}`);
    // Time passes while paused; neither clock moves.
    await app.page.waitForTimeout(700);
    expect({ footer: await footer(LONG), panel: await text(LONG, ".training-time") }).toEqual(held);

    await panel(LONG).getByRole("button", { name: "Resume" }).click();
    await panel(LONG).locator(".training-state", { hasText: "Training" }).waitFor();
    await stop.click();
    await panel(LONG).locator(".training-state", { hasText: "Finished" }).waitFor();
    await waitForStatus(app.page, LONG, "fulfilled");
    const epoch = Number(/^epoch (\d+) of 5000/.exec((await text(LONG, ".training-numbers"))!)![1]);
    expect(epoch).toBeLessThan(5000);
    expect(await text(LONG, ".training-end")).toBe(`stopped at epoch ${epoch}`);
    expect(await panel(LONG).getByRole("button", { name: "Pause" }).count()).toBe(0);
    // The finished cell's footer shows the training's time, as the panel does.
    expect(await footer(LONG)).toBe(await text(LONG, ".training-time"));
    await panel(LONG).screenshot({ path: join(SCREENSHOTS, "training-stopped.png") });
  });

  it("a training that reaches its `until` says at which epoch, with a loss chart that has axes and a legend", async () => {
    await panel(QUICK).locator(".training-state", { hasText: "Finished" }).waitFor();
    expect(await text(QUICK, ".training-end")).toMatch(/^reached accuracy 0\.8 at epoch \d+$/);
    expect(await text(QUICK, ".training-numbers")).toMatch(/accuracy (8\d|9\d|100)\.\d%/);
    expect(await panel(QUICK).locator(".spark-legend-item").allTextContents()).toEqual(["training loss"]);
    expect(await text(QUICK, ".spark-first")).toBe("epoch 1");
    await panel(QUICK).screenshot({ path: join(SCREENSHOTS, "training-reached.png") });
  });

  it("the curves of a one-epoch training are drawn, not left empty", async () => {
    const curves = output(app.page, CURVES);
    await curves.locator(".chart-box canvas").first().waitFor();
    expect(await curves.locator(".chart-empty").count()).toBe(0);
    await curves.screenshot({ path: join(SCREENSHOTS, "curves-one-epoch.png") });
  });
});
