// @vitest-environment jsdom
// Capturing examples without typing: a click on the plane adds the point under it with the
// selected class as a new line of the examples cell, Alt-click removes a point written there; a
// drawing on the pad is added with its label as one line of strokes on the 0–99 grid.
import { describe, expect, it, vi } from "vitest";
import { applyExampleEdit, parseExamplesCell } from "../../src/notebook/examples-source.ts";
import { decodeStrokes } from "../../src/teach/drawing.ts";
import { pad, plane } from "../../src/widgets/specs.ts";
import { planeKind } from "../../src/widgets/plane.ts";
import { padKind } from "../../src/widgets/drawing-pad.ts";
import type { ExamplesCellRef, SlotContext, WidgetHost } from "../../src/widgets/widget.ts";
import type { Example } from "../../src/teach/examples.ts";

// jsdom has no canvas drawing: the widgets skip painting (their logic is what is tested here).
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

/** A notebook of one examples cell: edits rewrite its source, its value is what the source declares. */
function examplesCell(initial: string) {
  const cell = { source: initial, values: [] as Example[] };
  const run = () => {
    const parse = parseExamplesCell(cell.source);
    if (!parse.ok) throw new Error(parse.reason);
    cell.values = parse.table.rows.map((row) => (row.kind === "literal" ? { input: row.input, output: row.output } : undefined)!);
    return parse.table;
  };
  let table = run();
  const host = {
    notebookPath: "lesson.html",
    examplesCellOf: (values: unknown): ExamplesCellRef | undefined => (values === cell.values ? { cellId: 1, source: cell.source, table, values: cell.values } : undefined),
    editExamples: (_id: number, _ran: string, edit) => (cell.source = applyExampleEdit(cell.source, edit))
  } as Partial<WidgetHost> as WidgetHost;
  return { cell, host, rerun: () => (table = run()), context: { cellId: 2, source: "", host } satisfies SlotContext };
}

const pointer = (target: Element, type: string, x: number, y: number, options: MouseEventInit = {}) => target.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, ...options }));

describe("the plane", () => {
  it("a click adds the point under it with the selected class; Alt-click removes a written point near it", async () => {
    const notebook = examplesCell("const examples = [\n  {input: [0, 0], output: 0},\n  {input: [1, 1], output: 1},\n];");
    const widget = planeKind.create(plane(notebook.cell.values), notebook.context);
    document.body.replaceChildren(widget.element);
    expect(Array.from(widget.element.querySelectorAll('[role="radio"]'), (choice) => [choice.textContent, choice.getAttribute("aria-checked")])).toEqual([["class 0", "false"], ["class 1", "true"]]);
    widget.element.querySelector<HTMLButtonElement>('[data-class="0"]')!.click();
    const canvas = widget.element.querySelector("canvas")!;
    // The view spans -0.1…1.1 on both axes over 320 pixels: the middle is (0.5, 0.5).
    pointer(canvas, "click", 160, 160);
    await vi.waitFor(() => expect(notebook.cell.source).toContain("{input: [0.5, 0.5], output: 0},"));
    expect(notebook.cell.source.split("\n")).toHaveLength(5);

    notebook.rerun();
    widget.update(plane(notebook.cell.values), notebook.context);
    // [1, 1] is at pixel (293, 27); an Alt-click 4 pixels away removes its line.
    pointer(canvas, "click", 297, 27, { altKey: true });
    await vi.waitFor(() => expect(notebook.cell.source).toBe("const examples = [\n  {input: [0, 0], output: 0},\n  {input: [0.5, 0.5], output: 0},\n];"));
    pointer(canvas, "click", 200, 300, { altKey: true });
    await vi.waitFor(() => expect(widget.element.querySelector(".widget-message")!.textContent).toMatch(/there is none here/));
  });

  it("says so when its points do not come from an examples cell, and adds nothing", async () => {
    const notebook = examplesCell("const examples = [\n  {input: [0, 0], output: 0},\n];");
    const widget = planeKind.create(plane([{ input: [0, 0], output: 0 }]), notebook.context);
    document.body.replaceChildren(widget.element);
    pointer(widget.element.querySelector("canvas")!, "click", 10, 10);
    await vi.waitFor(() => expect(widget.element.querySelector(".widget-message")!.textContent).toMatch(/do not come from an examples cell/));
    expect(notebook.cell.source.split("\n")).toHaveLength(3);
  });
});

describe("the drawing pad", () => {
  it("adds a drawing with a new label as one line of strokes, then clears the pad", () => {
    const notebook = examplesCell('const drawings = [\n  {input: "10,10 90,90", output: "circle"},\n];');
    const widget = padKind.create(pad(notebook.cell.values), notebook.context);
    document.body.replaceChildren(widget.element);
    const add = widget.element.querySelector<HTMLButtonElement>(".pad-add")!;
    expect([add.textContent, add.disabled]).toEqual(['Add as "circle"', true]);
    const label = widget.element.querySelector<HTMLInputElement>(".new-label")!;
    label.value = "square";
    label.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    const canvas = widget.element.querySelector("canvas.pad-canvas")!;
    pointer(canvas, "pointerdown", 24, 24);
    pointer(canvas, "pointermove", 120, 120);
    pointer(canvas, "pointermove", 216, 24);
    pointer(canvas, "pointerup", 216, 24);
    expect([add.textContent, add.disabled]).toEqual(['Add as "square"', false]);
    add.click();
    const line = notebook.cell.source.split("\n")[2];
    expect(line).toMatch(/^ {2}\{input: "[\d, ]+", output: "square"\},$/);
    expect(decodeStrokes(/input: "([^"]+)"/.exec(line)![1])).toEqual([[[10, 10], [50, 50], [89, 10]]]);
    expect(add.disabled).toBe(true);
  });
});
