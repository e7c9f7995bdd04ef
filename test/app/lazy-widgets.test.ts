// @vitest-environment jsdom
// Widgets loaded on demand, through the real OutputView and the real widget renderer: a value that
// could be a widget waits in a placeholder and becomes the widget once the code arrives, values no
// widget takes never load it, and a failed load leaves every value in the inspector.
import "./jsdom-layout.ts";
import { toCell } from "@observablehq/notebook-kit";
import { describe, expect, it, vi } from "vitest";
import { lazyValueRenderer } from "../../src/app/lazy-widgets.ts";
import { OutputView } from "../../src/app/output-view.ts";
import type { CellReport } from "../../src/runtime/notebook-runtime.ts";
import { compileCell } from "../../src/runtime/compile.ts";
import { createValueRenderer } from "../../src/widgets/render.ts";
import type { ValueRenderer, WidgetHost } from "../../src/widgets/widget.ts";
import { outlineOf } from "../../src/runtime/runtime-kernel.ts";

const cell = (value: string) => toCell({ id: 1, mode: "js", value });
const report = (value: unknown): CellReport => ({ id: 1, names: [], status: "fulfilled", value, displayed: [], runs: 1 });

/** A host for values that need none of its edits (a rows table). */
const host = { notebookPath: "x.html", examplesCellOf: () => undefined, findExamplesCell: () => undefined, registerTable: () => () => undefined, showExamples: () => false } as unknown as WidgetHost;

function show(view: OutputView, source: string, value: unknown) {
  const shown = cell(source);
  const compiled = compileCell(shown);
  view.render(report(value), shown, compiled.ok ? outlineOf(compiled.cell) : undefined, "fulfilled");
}

const rows = [{ a: 1, b: "x" }, { a: 2, b: "y" }];

describe("widgets loaded on demand", () => {
  it("a value that could be a widget waits in a placeholder, then shows as the widget; its next value updates it", async () => {
    let arrive!: (renderer: ValueRenderer) => void;
    const load = vi.fn(() => new Promise<ValueRenderer>((resolve) => (arrive = resolve)));
    const view = new OutputView(document.createElement("div"), lazyValueRenderer(load));
    show(view, "rows", rows);
    expect(load).toHaveBeenCalledTimes(1);
    expect(view.element.querySelector(".widget-loading")).not.toBeNull();
    expect(view.element.querySelector("table")).toBeNull();
    arrive(createValueRenderer(host));
    await new Promise((resolve) => setTimeout(resolve));
    expect(view.element.querySelectorAll("tbody tr")).toHaveLength(2);
    show(view, "rows", [...rows, { a: 3, b: "z" }]);
    expect(view.element.querySelectorAll("tbody tr")).toHaveLength(3);
    expect(view.element.querySelector(".widget-loading")).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("numbers, strings and Markdown never load the widgets", () => {
    const load = vi.fn(() => new Promise<ValueRenderer>(() => undefined));
    const view = new OutputView(document.createElement("div"), lazyValueRenderer(load));
    show(view, "6 * 7", 42);
    show(view, '"text"', "text");
    expect(load).not.toHaveBeenCalled();
    expect(view.element.textContent).toContain("text");
  });

  it("if the widget code cannot load, the values show in the inspector", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const view = new OutputView(document.createElement("div"), lazyValueRenderer(() => Promise.reject(new Error("offline"))));
    show(view, "rows", rows);
    await new Promise((resolve) => setTimeout(resolve));
    expect(view.element.querySelector(".observablehq")).not.toBeNull();
    expect(view.element.textContent).toMatch(/Array\(2\)/);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("the widgets failed to load"), expect.any(Error));
    warn.mockRestore();
  });
});
