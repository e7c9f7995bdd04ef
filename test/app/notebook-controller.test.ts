// @vitest-environment jsdom
// The page's controller over a jsdom document and the real Node kernel: edits through the reducer
// reach the views and the runtime, widget edits are undoable runs, dirty state follows the text.
import "./jsdom-layout.ts";
import { toNotebook } from "@observablehq/notebook-kit";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadEditors } from "../../src/app/lazy-editor.ts";
import { NotebookController } from "../../src/app/notebook-controller.ts";
import { EDIT_RUN_DELAY_MS } from "../../src/app/run-burst.ts";
import { serializeNotebook } from "../../src/notebook/format.ts";
import { createNodeKernel } from "../../kernels/node/kernel.ts";

// The editors arrive after the first outputs in the page; here they are there from the start.
beforeAll(() => loadEditors());

// (test/helpers/notebooks.ts resolves paths with the URL class, which jsdom replaces here.)
const nodeKernelFor = () => createNodeKernel({ file: `${process.cwd()}/notebooks/inline.html` });
const valueOf = (report: { value?: unknown } | undefined, name: string) => (report?.value as Record<string, unknown> | undefined)?.[name];

let controller: NotebookController | undefined;
afterEach(() => controller?.dispose());

function open() {
  const notebook = toNotebook({
    title: "Test",
    cells: [
      { id: 1, mode: "js", value: "const a = 1;" },
      { id: 2, mode: "js", value: "const b = a * 10;" }
    ]
  });
  const dom = { parser: new DOMParser(), document };
  controller = new NotebookController({
    load: "test-load",
    path: "test.html",
    notebook,
    version: "v1",
    createKernel: () => nodeKernelFor(),
    serialize: (edited) => serializeNotebook(edited, dom),
  });
  document.body.replaceChildren(controller.element);
  controller.start();
  return controller;
}

const ids = () => Array.from(document.querySelectorAll("[data-cell-id]"), (element) => Number(element.getAttribute("data-cell-id")));
const b = async (controller: NotebookController) => {
  await controller.run.settled();
  return valueOf(controller.run.report(2), "b");
};

describe("the notebook page's controller", () => {
  it("shows a cell element with its editor per cell, in document order, and follows moves, adds and undo", () => {
    const page = open();
    expect(ids()).toEqual([1, 2]);
    expect(document.querySelectorAll("[data-cell-id] .cm-editor")).toHaveLength(2);
    page.cellActions.move(2, -1);
    expect(ids()).toEqual([2, 1]);
    page.addCell(2);
    expect(ids()).toEqual([2, 1, 3]);
    page.dispatch({ type: "undo" });
    page.dispatch({ type: "undo" });
    expect(ids()).toEqual([1, 2]);
  });

  it("typing changes the notebook and marks it unsaved, but runs nothing until the cell is run", async () => {
    const page = open();
    expect(await b(page)).toBe(10);
    page.cellActions.edit(1, "const a = 2;");
    expect(page.saver.state.kind).toBe("dirty");
    expect(await b(page)).toBe(10);
    page.cellActions.run(1, false);
    expect(await b(page)).toBe(20);
    page.dispatch({ type: "undo" });
    expect(page.saver.state.kind).toBe("saved");
  });

  it("a widget's edit (editSource) runs the cell once edits pause, and is one undo step", async () => {
    const page = open();
    page.editSource(1, "const a = 5;");
    await new Promise((resolve) => setTimeout(resolve, EDIT_RUN_DELAY_MS + 50));
    expect(await b(page)).toBe(50);
    expect(page.view(1)?.editor.value).toBe("const a = 5;");
    page.dispatch({ type: "undo" });
    expect(page.notebook.cells[0].value).toBe("const a = 1;");
    expect(page.view(1)?.editor.value).toBe("const a = 1;");
  });

  it("deleting a cell removes it from the runtime; undo brings it back as it last ran", async () => {
    const page = open();
    expect(await b(page)).toBe(10);
    page.cellActions.remove(1);
    // The runtime recomputes on its next animation frame; settled() alone could answer before that.
    await expect.poll(() => page.run.report(2)?.status).toBe("rejected");
    page.dispatch({ type: "undo" });
    expect(await b(page)).toBe(10);
  });
});
