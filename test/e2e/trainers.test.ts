// Trainings in the trainer's Web Worker, in the app: the same numbers and the same end as in the
// page (seeded, on the same backend), the worker's tensors shown beside the page's and freed when a
// cell re-runs in the middle of an epoch, the cell's Stop ending it as in the page, a crash of the
// worker shown as the cell's error with the page alive, and a model the worker cannot build
// trained in the page, said so in its panel.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useApp } from "./helpers/app.ts";
import { cell, openNotebook, output, screenshot, waitForOutput, waitForStatus } from "./helpers/page.ts";

const app = useApp({ folders: [{ from: "test/fixtures/trainers", to: "trainers" }] });

const WORKER = 4;
const SAME = 5;
const LONG = 6;
const CUSTOM = 8;

/** A cell's JSON string, as the inspector shows it: `…` (a string with quotes in it) or "…". */
const json = (text: string) => {
  const shown = text.replace(/^[^=]*= /, "").trim();
  return JSON.parse(shown.startsWith("`") ? shown.slice(1, -1) : JSON.parse(shown));
};
const trainerLine = (page: Page, id: number) => output(page, id).locator(".training-trainer").textContent();
const workerTensors = async (page: Page, id: number) => Number(/worker (\d+) tensors/.exec((await trainerLine(page, id)) ?? "")?.[1]);
const rerun = async (page: Page, id: number) => {
  await cell(page, id).hover();
  await cell(page, id).getByRole("button", { name: "Run (Shift-Enter)" }).click();
};

describe("the trainer's Web Worker in the app", () => {
  it("gives the same numbers as the page on the same backend, and shows its tensors beside the page's", async () => {
    await openNotebook(app.page, app.server.url, "trainers/trainers.html");
    const same = json(await waitForOutput(app.page, SAME, /\{/));
    expect(same.worker).toHaveLength(4);
    expect(same.worker).toEqual(same.page);
    expect(same.pageAccuracy).toBeGreaterThan(0.5);
    expect(same.workerAccuracy).toBe(same.pageAccuracy);
    expect(same.pageEnd).toEqual({ reason: "epochs", epoch: 4, text: "4 epochs" });
    expect(same.workerEnd).toEqual(same.pageEnd);
    expect(await output(app.page, WORKER).locator(".training-end").textContent()).toBe("4 epochs");
    expect(await output(app.page, WORKER).locator(".training-backend").textContent()).toBe("tfjs · wasm · worker");
    expect(await trainerLine(app.page, WORKER)).toMatch(/^Trains in a Web Worker · page \d+ tensors \([\d.]+ KB\) · worker \d+ tensors \([\d.]+ KB\)$/);
    expect(await output(app.page, 3).locator(".training-trainer").isHidden()).toBe(true);
  });

  it("a cell re-run in the middle of an epoch stops the worker's training and frees its tensors", async () => {
    await waitForOutput(app.page, LONG, /epoch 1 of 20/);
    // The first epoch's tensors: the copy of the model, its optimizer, the examples.
    const afterFirstEpoch = await workerTensors(app.page, LONG);
    expect(afterFirstEpoch).toBeGreaterThan(0);
    await rerun(app.page, LONG);
    await waitForOutput(app.page, LONG, /epoch 0 of 20/);
    await waitForOutput(app.page, LONG, /epoch 1 of 20/);
    // The same again in the worker: nothing of the stopped run is left beside the new one.
    expect(await workerTensors(app.page, LONG)).toBe(afterFirstEpoch);
  });

  it("the cell's Stop ends the worker's training at its next batch, keeping the model, and the panel says so as in the page", async () => {
    await cell(app.page, LONG).getByRole("button", { name: "Stop this cell" }).click();
    await waitForStatus(app.page, LONG, "fulfilled");
    const panel = output(app.page, LONG);
    await panel.locator(".training-state", { hasText: "Finished" }).waitFor();
    const epoch = Number(/^epoch (\d+) of 20/.exec((await panel.locator(".training-numbers").textContent())!)![1]);
    expect(epoch).toBeLessThan(20);
    expect(await panel.locator(".training-end").textContent()).toBe(`stopped at epoch ${epoch}`);
  });

  it("a crash of the worker is the training cell's error, and the page trains again in a new worker", async () => {
    await rerun(app.page, LONG);
    await waitForOutput(app.page, LONG, /epoch 1 of 20/);
    const trainer = app.page.workers().find((worker) => worker.url().includes("trainer-worker"));
    expect(trainer).toBeDefined();
    // The crashed worker is ended by the page, not left beside the next one.
    const ended = new Promise((resolve) => trainer!.once("close", resolve));
    await trainer!.evaluate(() => setTimeout(() => { throw new Error("simulated crash"); }));
    await waitForStatus(app.page, LONG, "rejected");
    await ended;
    expect(await output(app.page, LONG).textContent()).toMatch(/the training worker crashed \(.*simulated crash\); the page is fine: run the cell again to train in a new worker/);
    await screenshot(app.page, "trainer-crash", false);
    await rerun(app.page, LONG);
    await waitForOutput(app.page, LONG, /epoch 1 of 20/);
    expect(app.page.workers().filter((worker) => worker.url().includes("trainer-worker"))).toHaveLength(1);
    expect(app.errors).toEqual([]);
  });

  it("a model with a layer the worker does not know trains in the page, and its panel says why", async () => {
    await waitForStatus(app.page, CUSTOM, "fulfilled");
    expect(await trainerLine(app.page, CUSTOM)).toBe("Trains in the page · the worker cannot build this model (Unknown layer: Doubler)");
    expect(await output(app.page, CUSTOM).locator(".training-state").textContent()).toBe("Finished");
  });
});
