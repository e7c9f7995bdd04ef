// @vitest-environment jsdom
// The widgets in the notebook page, over a jsdom document, the real controller and the real Node
// kernel: an examples cell shows as a table whose edits rewrite exactly the edited line (one undo
// step each, their runs coalesced), a confusion-matrix cell filters that table, rows show as a
// table, tfjs objects read as one line, and anything unrecognised still goes to the inspector.
import "../app/jsdom-layout.ts";
import { toNotebook } from "@observablehq/notebook-kit";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadEditors } from "../../src/app/lazy-editor.ts";
import { NotebookController } from "../../src/app/notebook-controller.ts";
import { serializeNotebook } from "../../src/notebook/format.ts";
import { createValueRenderer } from "../../src/widgets/render.ts";
import { createNodeKernel } from "../../kernels/node/kernel.ts";

// The editors arrive after the first outputs in the page; here they are there from the start.
beforeAll(() => loadEditors());

const EXAMPLES = `// two classes
const examples = [
  {input: [0, 0], output: "a"},
  {input: [1, 1], output: "b"}, // the far corner
  {input: [0.1, 0], output: "a"},
];`;

let controller: NotebookController | undefined;
afterEach(() => controller?.dispose());

function open(cells: string[]) {
  const notebook = toNotebook({ title: "Widgets", cells: cells.map((value, index) => ({ id: index + 1, mode: "js", value })) });
  const dom = { parser: new DOMParser(), document };
  controller = new NotebookController({
    load: "test-load",
    path: "lessons/widgets.html",
    notebook,
    version: "v1",
    createKernel: () => createNodeKernel({ file: `${process.cwd()}/notebooks/inline.html`, cache: false }),
    serialize: (edited) => serializeNotebook(edited, dom),
    renderValue: (host) => createValueRenderer(host)
  });
  document.body.replaceChildren(controller.element);
  controller.start();
  return controller;
}

/** Waits until the runtime is idle (and past a widget edit's pause) and the page has rendered. */
async function settle(page: NotebookController) {
  await new Promise((resolve) => setTimeout(resolve, 350));
  await page.run.settled();
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

const widget = (id: number, kind: string) => document.querySelector<HTMLElement>(`[data-cell-id="${id}"] [data-widget="${kind}"]`);
const cellText = (id: number, column: string) => Array.from(widget(id, "examples")!.querySelectorAll(`tbody td[data-column="${column}"]`), (cell) => cell.textContent);

function editField(container: HTMLElement, label: string, text: string) {
  (container.querySelector(`button[aria-label="Edit ${label}"]`) as HTMLButtonElement).click();
  const field = container.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;
  field.value = text;
  field.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
}

const changedLines = (before: string, after: string) => {
  const [a, b] = [before.split("\n"), after.split("\n")];
  return { removed: a.filter((line) => !b.includes(line)), added: b.filter((line) => !a.includes(line)) };
};

describe("widgets in the notebook page", () => {
  it("an examples cell is a table; relabelling a row rewrites exactly its line, as one undo step, and runs it", async () => {
    const page = open([EXAMPLES, "const count = examples.filter((example) => example.output === \"a\").length;"]);
    await settle(page);
    expect(widget(1, "examples")!.querySelector(".widget-caption")!.textContent).toBe("3 examples");
    expect(cellText(1, "output")).toEqual(["a", "b", "a"]);
    editField(widget(1, "examples")!, "output of example 2", "a");
    const source = page.notebook.cells[0].value;
    expect(changedLines(EXAMPLES, source)).toEqual({ removed: ['  {input: [1, 1], output: "b"}, // the far corner'], added: ['  {input: [1, 1], output: "a"}, // the far corner'] });
    await settle(page);
    expect(cellText(1, "output")).toEqual(["a", "a", "a"]);
    expect((page.run.report(2)!.value as { count: number }).count).toBe(3);
    page.dispatch({ type: "undo" });
    expect(page.notebook.cells[0].value).toBe(EXAMPLES);
  });

  it("deleting and adding rows from the table change one line each; spread rows have no edit controls", async () => {
    const page = open([EXAMPLES.replace("const examples = [", "const examples = [\n  ...[{input: [5, 5], output: \"b\"}],")]);
    await settle(page);
    const table = widget(1, "examples")!;
    expect(table.querySelectorAll("tbody tr[data-readonly] .cell-edit, tbody tr[data-readonly] .delete-row")).toHaveLength(0);
    expect(table.querySelector("tbody tr[data-readonly] [data-column='line']")!.textContent).toBe("from code");
    const before = page.notebook.cells[0].value;
    (table.querySelector('button[title^="Delete example 2 "]') as HTMLButtonElement).click();
    expect(changedLines(before, page.notebook.cells[0].value)).toEqual({ removed: ['  {input: [0, 0], output: "a"},'], added: [] });
    await settle(page);
    const form = widget(1, "examples")!.querySelector("form")!;
    form.querySelector<HTMLInputElement>("[name=input]")!.value = "[0.5, 0.25]";
    form.querySelector<HTMLInputElement>("[name=output]")!.value = "b";
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    const added = changedLines(before, page.notebook.cells[0].value);
    expect(added.added).toEqual(['  {input: [0.5, 0.25], output: "b"},']);
    await settle(page);
    expect(cellText(1, "input")).toEqual(["[5, 5]", "[1, 1]", "[0.1, 0]", "[0.5, 0.25]"]);
  });

  it("a burst of widget edits runs the edited cell once, after the edits pause", async () => {
    const page = open([EXAMPLES, "const total = examples.length;"]);
    await settle(page);
    const runs = page.run.report(2)!.runs;
    for (const x of [2, 3, 4]) {
      const form = widget(1, "examples")!.querySelector("form")!;
      form.querySelector<HTMLInputElement>("[name=input]")!.value = `[${x}, ${x}]`;
      form.querySelector<HTMLInputElement>("[name=output]")!.value = "b";
      form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
    expect(page.notebook.cells[0].value.split("\n")).toHaveLength(EXAMPLES.split("\n").length + 3);
    expect(page.run.report(2)!.runs).toBe(runs);
    await settle(page);
    expect((page.run.report(2)!.value as { total: number }).total).toBe(6);
    expect(page.run.report(2)!.runs).toBe(runs + 1);
  });

  it("the training, the model and the evaluation show as widgets; a confusion cell filters the examples table", async () => {
    const page = open([
      EXAMPLES,
      'const model = teach.mlp({inputs: 2, hidden: [4], classes: ["a", "b"], seed: 1});',
      "const training = teach.train(model, examples, {epochs: 3, seed: 1});",
      "const evaluation = await teach.evaluate(training, examples);",
      "const rows = [{x: 1, y: \"one\"}, {x: 2, y: \"two\"}];"
    ]);
    await settle(page);
    expect(widget(2, "tf")!.querySelector("summary")!.textContent).toBe("LayersModel · 2 layers · 22 params");
    expect(Array.from(widget(2, "tf")!.querySelectorAll("tbody td:first-child"), (cell) => cell.textContent)).toHaveLength(2);
    expect(widget(3, "training")!.querySelector(".training-state")!.textContent).toBe("Finished");
    expect(widget(3, "training")!.querySelector(".training-numbers")!.textContent).toMatch(/^epoch 3 of 3 · loss \d/);
    expect(widget(5, "rows")!.querySelector(".widget-caption")!.textContent).toBe("2 rows × 2 columns");
    const cell = widget(4, "evaluation")!.querySelector<HTMLButtonElement>('.confusion-cell[data-expected="a"][data-predicted="a"], .confusion-cell[data-expected="a"][data-predicted="b"]:not([disabled])')!;
    const count = Number(cell.textContent);
    cell.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const note = widget(1, "examples")!.querySelector(".table-note")!.textContent;
    expect(note).toBe(`${count} examples expected a, predicted ${cell.dataset.predicted} · Show all`);
    expect(cellText(1, "output")).toEqual(new Array(count).fill("a"));
  });

  it("a value no widget knows still goes to the inspector", async () => {
    const page = open(["const settings = {rate: 0.1, name: \"x\"};"]);
    await settle(page);
    const output = document.querySelector('[data-cell-id="1"] [data-cell-output]')!;
    expect(output.querySelector("[data-widget]")).toBeNull();
    expect(output.textContent!.replace(/\s+/g, " ")).toBe('settings = Object {rate: 0.1, name: "x"}');
    page.dispose();
  });
});
