// @vitest-environment jsdom
// A training's value as a progress panel over a real training run: its state and numbers, the
// loss curve growing with the epochs (with axes and a legend), Pause holding the run at a batch
// and Resume continuing it, and why the training ended.
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { spiral } from "../../src/teach/datasets.ts";
import { mlp } from "../../src/teach/models.ts";
import { train, type TrainingProgress } from "../../src/teach/train.ts";
import { progressKind } from "../../src/widgets/progress.ts";
import type { SlotContext, WidgetHost } from "../../src/widgets/widget.ts";

const context = { cellId: 3, source: "const training = teach.train(model, examples);", name: "training", host: { notebookPath: "spiral.html" } as WidgetHost } satisfies SlotContext;

async function nextWhere(run: AsyncIterator<TrainingProgress>, test: (value: TrainingProgress) => boolean): Promise<TrainingProgress> {
  for (;;) {
    const { value, done } = await run.next();
    if (done) throw new Error("the training ended first");
    if (test(value)) return value;
  }
}

// jsdom has a canvas element but no WebGL: train on tfjs's CPU backend.
beforeAll(() => tf.setBackend("cpu"));

describe("the training progress panel", () => {
  it("shows the state, epoch and loss curve; Pause holds the run and Resume continues it", async () => {
    const before = tf.memory().numTensors;
    const model = mlp({ inputs: 2, hidden: [8], classes: [0, 1], seed: 1 });
    const run = train(model, [...spiral({ perClass: 20, seed: 1 })], { epochs: 2000, seed: 1, sliceMs: 4 });
    const first = await nextWhere(run, () => true);
    const widget = progressKind.create(first, context);
    document.body.replaceChildren(widget.element);
    const text = (selector: string) => widget.element.querySelector(selector)!.textContent;
    const toggle = widget.element.querySelector<HTMLButtonElement>(".training-toggle")!;
    expect([text(".widget-name"), text(".training-state"), toggle.textContent]).toEqual(["training", "Training", "Pause"]);
    // No loss before the first epoch: a NaN there would read like the documented failure.
    expect(text(".training-numbers")).toBe("epoch 0 of 2000 · 40 examples");
    expect(widget.element.querySelector<HTMLElement>(".training-end")!.hidden).toBe(true);
    expect(widget.element.querySelector<HTMLElement>(".training-export")!.hidden).toBe(true);

    const later = await nextWhere(run, (value) => value.epoch >= 3);
    widget.update(later, context);
    expect(text(".training-numbers")).toMatch(new RegExp(`^epoch ${later.epoch} of 2000 · loss \\d\\.\\d+ · accuracy \\d+\\.\\d% · 40 examples$`));
    const points = widget.element.querySelector('polyline[data-series="training loss"]')!.getAttribute("points")!.split(" ");
    expect(points).toHaveLength(later.epoch);
    // Axes: the value range on the left, the epochs below; the legend names the series drawn.
    expect(text(".spark-first")).toBe("epoch 1");
    expect(text(".spark-last")).toBe(String(later.epoch));
    expect(Number(text(".spark-top"))).toBeCloseTo(Math.max(...later.history.map((record) => record.loss)), 2);
    expect(Array.from(widget.element.querySelectorAll(".spark-legend-item"), (item) => item.textContent)).toEqual(["training loss"]);

    toggle.click();
    const paused = await nextWhere(run, (value) => value.paused);
    widget.update(paused, context);
    expect([text(".training-state"), toggle.textContent, paused.run.state]).toEqual(["Paused", "Resume", "paused"]);
    expect(widget.element.querySelector<HTMLElement>(".training-export")!.hidden).toBe(false);

    toggle.click();
    const resumed = await nextWhere(run, (value) => !value.paused);
    widget.update(resumed, context);
    expect([text(".training-state"), toggle.textContent]).toEqual(["Training", "Pause"]);

    // Stop (the cell's) ends it, keeping the model: the panel says why it ended.
    resumed.run.stop();
    const ended = await nextWhere(run, (value) => value.done);
    widget.update(ended, context);
    expect([text(".training-state"), text(".training-end")]).toEqual(["Finished", `stopped at epoch ${ended.epoch}`]);
    expect(toggle.hidden).toBe(true);

    await run.return();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
