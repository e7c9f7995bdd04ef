// The browser kernel's builtins in a real page: files beside the notebook through the file API,
// imports through the library map (one tfjs), Inputs and tfjs-vis drawing into the cell, display()
// as it comes, width, and models and training tensors freed when cells re-run or the kernel restarts.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsCells, writeNotebook } from "./helpers/files.ts";
import { cell, openNotebook, output, screenshot, waitForOutput, waitForStatus } from "./helpers/page.ts";
import { useApp } from "./helpers/app.ts";

const app = useApp();

describe("the browser kernel", () => {
  it("reads files beside the notebook, imports the tf builtin's own tfjs, and shows Inputs, charts, display() and width", async () => {
    mkdirSync(join(app.server.root, "lessons"), { recursive: true });
    writeFileSync(join(app.server.root, "lessons/points.csv"), "x,y\n1,2\n3,4\n");
    writeNotebook(app.server.root, "lessons/kernel.html", "Kernel", [
      ...jsCells(
        'const points = await FileAttachment("points.csv").csv({typed: true});',
        "points.reduce((sum, point) => sum + point.y, 0)",
        'import * as tfjs from "npm:@tensorflow/tfjs";',
        "tfjs === tf",
        "const count = view(Inputs.range([0, 10], {value: 3, step: 1, label: \"count\"}));",
        "count * 2",
        "const chart = display(html`<div style=\"width: 300px; height: 200px\">`);\nawait tfvis.render.barchart(chart, points.map((point) => ({index: point.x, value: point.y})));",
        "for (let i = 0; i < 3; i++) {\n  display(`step ${i}`);\n  await Promises.delay(20);\n}",
        "width > 0",
        'tfvis.visor()'
      )
    ]);
    await openNotebook(app.page, app.server.url, "lessons/kernel.html");
    await waitForOutput(app.page, 2, /^6$/);
    await waitForOutput(app.page, 4, /^true$/);
    expect(await output(app.page, 5).locator("input[type=range]").count()).toBe(1);
    await waitForOutput(app.page, 6, /^6$/);
    await output(app.page, 5).locator("input[type=range]").focus();
    for (let i = 0; i < 4; i++) await app.page.keyboard.press("ArrowRight");
    await waitForOutput(app.page, 6, /^14$/);
    await waitForStatus(app.page, 7, "fulfilled");
    expect(await output(app.page, 7).locator("canvas, svg").count()).toBeGreaterThan(0);
    await waitForOutput(app.page, 8, /"step 0""step 1""step 2"/);
    await waitForOutput(app.page, 9, /^true$/);
    await waitForStatus(app.page, 10, "rejected");
    expect(await output(app.page, 10).textContent()).toMatch(/draws into the cell here, not the visor/);
    await screenshot(app.page, "kernel-builtins");
    expect(app.errors).toEqual([]);
  });

  it("re-running a training and restarting the kernel free its tensors: the count does not grow", async () => {
    writeNotebook(app.server.root, "memory.html", "Memory", [
      ...jsCells(
        "const examples = [...teach.spiral({perClass: 10, seed: 1})];",
        "const model = teach.mlp({inputs: 2, hidden: [4], classes: [0, 1], seed: 1});",
        "const training = teach.train(model, examples, {epochs: 3});",
        "const tensors = training.done ? tf.memory().numTensors : undefined;"
      )
    ]);
    await openNotebook(app.page, app.server.url, "memory.html");
    const count = async () => Number((await waitForOutput(app.page, 4, /tensors = \d+/)).match(/\d+/)![0]);
    await waitForStatus(app.page, 3, "fulfilled");
    const first = await count();
    expect(first).toBeGreaterThan(0);
    for (const rerun of ["Shift+Enter on the examples", "Restart", "Run all"]) {
      await cell(app.page, 4).locator("[data-cell-output]").evaluate((element) => element.replaceChildren());
      if (rerun === "Restart") await app.page.getByRole("button", { name: "Restart" }).click();
      else if (rerun === "Run all") await app.page.getByRole("button", { name: "Run all" }).click();
      else {
        await cell(app.page, 1).locator(".cm-content").click();
        await app.page.keyboard.press("Shift+Enter");
      }
      await waitForStatus(app.page, 3, "fulfilled");
      expect({ rerun, tensors: await count() }).toEqual({ rerun, tensors: first });
    }
    // Each training runs on the backend measured fastest for its model: on this tiny net wasm or cpu.
    expect(await app.page.locator(".backend").textContent()).toMatch(/tfjs · (wasm|cpu)/);
    expect(app.errors).toEqual([]);
  });

  it("paths a notebook names follow one rule: ../ inside the served folder works for files and model folders alike, out of it fails naming the path", async () => {
    mkdirSync(join(app.server.root, "lessons"), { recursive: true });
    mkdirSync(join(app.server.root, "shared"), { recursive: true });
    writeFileSync(join(app.server.root, "shared/points.csv"), "x,y\n1,2\n3,4\n");
    writeNotebook(app.server.root, "lessons/paths.html", "Paths", [
      ...jsCells(
        'const rows = (await FileAttachment("../shared/points.csv").csv({typed: true})).length;',
        'const saved = (await teach.save(teach.mlp({inputs: 2, hidden: [], classes: 2}), "../models/m")).files.join(" ");',
        'const layers = saved && (await teach.load("../models/m")).layers.length;',
        'const outside = await FileAttachment("../../x.csv").text();'
      )
    ]);
    await openNotebook(app.page, app.server.url, "lessons/paths.html");
    await waitForOutput(app.page, 1, /rows = 2/);
    await waitForOutput(app.page, 3, /layers = 1/);
    expect(existsSync(join(app.server.root, "models/m/model.json"))).toBe(true);
    await waitForStatus(app.page, 4, "rejected");
    expect(await output(app.page, 4).textContent()).toContain('"../../x.csv" leads outside the served folder');
    expect(app.errors).toEqual([]);
  });
});
