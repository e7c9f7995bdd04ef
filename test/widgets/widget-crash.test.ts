// @vitest-environment jsdom
// A widget that throws, through the real output view and the real widget kinds: a value that looks
// like a training's progress (a hand-made training loop's) but lacks its metrics makes the
// training panel throw. The cell shows that error once, the value stays visible, and the panel is
// not built again for the values that follow, as CodeMirror switches off a plugin that throws.
import "../app/jsdom-layout.ts";
import { toCell } from "@observablehq/notebook-kit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OutputView } from "../../src/app/output-view.ts";
import { compileCell } from "../../src/runtime/compile.ts";
import type { CellReport } from "../../src/runtime/notebook-runtime.ts";
import { outlineOf } from "../../src/runtime/runtime-kernel.ts";
import { progressKind } from "../../src/widgets/progress.ts";
import { createValueRenderer } from "../../src/widgets/render.ts";
import type { WidgetHost } from "../../src/widgets/widget.ts";

const host = { notebookPath: "x.html", examplesCellOf: () => undefined, findExamplesCell: () => undefined, registerTable: () => () => undefined, showExamples: () => false } as unknown as WidgetHost;
const SOURCE = "myTrainingLoop()";
const cell = (id: number) => toCell({ id, mode: "js", value: SOURCE });
const compiled = compileCell(cell(1));
const outline = compiled.ok ? outlineOf(compiled.cell) : undefined;

/** What a hand-made training loop yields each epoch: the panel's shape, but no metrics. */
const progress = (epoch: number) => ({ epoch, epochs: 3, history: [], run: { state: "training", stop() {} }, model: {}, loss: 1 / epoch });

function show(view: OutputView, id: number, value: unknown, runs: number) {
  const report: CellReport = { id, names: [], status: "running", value, displayed: [], runs };
  view.render(report, cell(id), outline, "running");
}

afterEach(() => vi.restoreAllMocks());

describe("a widget that throws", () => {
  it("is shown as an error in its cell once, and is not rebuilt on the next value", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const created = vi.spyOn(progressKind, "create");
    const renderer = createValueRenderer(host);
    const view = new OutputView(document.createElement("div"), renderer);

    show(view, 1, progress(1), 1);
    const failed = view.element.querySelector<HTMLElement>('[data-widget="failed"]');
    expect(failed?.dataset.failedKind).toBe("training");
    expect(failed?.querySelector('[role="alert"]')?.textContent).toMatch(/The training view failed and is off for this cell.*TypeError: .*'accuracy'/);
    expect(view.element.textContent).toContain("epoch: 1");

    for (const epoch of [2, 3]) show(view, 1, progress(epoch), 1);
    expect(created).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(view.element.querySelectorAll('[data-widget="failed"]')).toHaveLength(1);
    expect(view.element.querySelector('[data-widget="failed"]')).toBe(failed);
    expect(view.element.querySelector('[data-widget="training"]')).toBeNull();
    expect(view.element.textContent).toContain("epoch: 3");
  });

  it("is off only for its cell: another cell's value of that kind still gets the widget", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const renderer = createValueRenderer(host);
    const broken = new OutputView(document.createElement("div"), renderer);
    show(broken, 1, progress(1), 1);
    const other = new OutputView(document.createElement("div"), renderer);
    show(other, 2, { ...progress(1), metrics: { accuracy: 0.5 }, history: [], examples: 10, ms: 5 }, 1);
    expect(other.element.querySelector('[data-widget="training"]')).not.toBeNull();
    expect(other.element.querySelector('[data-widget="failed"]')).toBeNull();
  });
});
