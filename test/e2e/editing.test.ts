// Editing a notebook with the keyboard and the cell tools, in a real Chromium: run and move on,
// errors located in the editor, undo/redo across cells, paused auto-run, live generators and Stop,
// and a big notebook whose editors come as its cells near the screen.
import { beforeAll, describe, expect, it } from "vitest";
import { jsCells, writeNotebook } from "./helpers/files.ts";
import { cell, editor, editorText, openNotebook, output, screenshot, waitForOutput, waitForStatus } from "./helpers/page.ts";
import { useApp } from "./helpers/app.ts";

const app = useApp();

beforeAll(async () => {
  writeNotebook(app.server.root, "basics.html", "Basics", [
    ...jsCells("const a = 1;", "a * 10", "const ticks = (async function* () {\n  for (let i = 0; ; i++) {\n    yield i;\n    await new Promise((resolve) => setTimeout(resolve, 30));\n  }\n})();"),
    { id: 4, mode: "md", value: "# Basics\n\nten times a is **${a * 10}**." }
  ]);
  await openNotebook(app.page, app.server.url, "basics.html");
  await waitForOutput(app.page, 2, /^10$/);
});

const ids = () => app.page.locator("[data-cell-id]").evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-cell-id"))));
const text = (id: number) => editorText(app.page, id);

async function replaceText(id: number, value: string): Promise<void> {
  await editor(app.page, id).click();
  await app.page.keyboard.press("Control+a");
  await app.page.keyboard.insertText(value);
}

describe("editing cells in the browser", () => {
  it("Markdown renders, and an unpinned Markdown cell shows its editor only once selected", async () => {
    await waitForOutput(app.page, 4, /ten times a is 10/);
    expect(await output(app.page, 4).locator("h1").textContent()).toBe("Basics");
    expect(await cell(app.page, 4).locator(".cm-editor").isVisible()).toBe(false);
    await output(app.page, 4).click();
    // The editor is made on selection (CodeMirror loads on demand): it appears, it is not already there.
    await cell(app.page, 4).locator(".cm-editor").waitFor({ state: "visible" });
  });

  it("Shift-Enter runs the edited cell, the cells using it re-run, and the focus moves to the next cell", async () => {
    await replaceText(1, "const a = 2;");
    // The page renders the mark on its next frame.
    await expect.poll(() => cell(app.page, 1).getAttribute("data-edited")).toBe("");
    await app.page.keyboard.press("Shift+Enter");
    await waitForOutput(app.page, 2, /^20$/);
    await waitForOutput(app.page, 4, /ten times a is 20/);
    expect(await app.page.evaluate(() => document.activeElement?.closest("[data-cell-id]")?.getAttribute("data-cell-id"))).toBe("2");
    expect(await cell(app.page, 1).getAttribute("data-edited")).toBeNull();
  });

  it("an error shows its message and line:column, and the bad line is marked in the editor", async () => {
    await cell(app.page, 2).hover();
    await cell(app.page, 2).getByRole("button", { name: /Add a cell below/ }).click();
    const [added] = (await ids()).filter((id) => id > 4);
    expect(await ids()).toEqual([1, 2, added, 3, 4]);
    await app.page.keyboard.insertText("const b = 1;\nnull.x;");
    await app.page.keyboard.press("Control+Enter");
    await waitForStatus(app.page, added, "rejected");
    expect(await output(app.page, added).textContent()).toMatch(/TypeError: Cannot read properties of null.*line 2:\d+/);
    expect(await cell(app.page, added).locator(".cm-error-line").textContent()).toBe("null.x;");
    await screenshot(app.page, "editing-error");
  });

  it("Ctrl-Z undoes notebook edits across cells (typing, adding a cell, another cell's edit) and Ctrl-Shift-Z redoes them", async () => {
    const [added] = (await ids()).filter((id) => id > 4);
    await editor(app.page, 2).click();
    await app.page.keyboard.press("Control+z");
    expect(await text(added)).toBe("");
    await app.page.keyboard.press("Control+z");
    expect(await ids()).toEqual([1, 2, 3, 4]);
    await app.page.keyboard.press("Control+z");
    expect(await text(1)).toBe("const a = 1;");
    // KeyZ: with Shift held, a real keyboard sends "Z", which "Control+Shift+z" would not.
    for (let i = 0; i < 3; i++) await app.page.keyboard.press("Control+Shift+KeyZ");
    expect(await ids()).toEqual([1, 2, added, 3, 4]);
    expect(await text(added)).toBe("const b = 1;\nnull.x;");
    expect(await text(1)).toBe("const a = 2;");
    await cell(app.page, added).hover();
    await cell(app.page, added).getByRole("button", { name: /Delete this cell/ }).click();
    expect(await ids()).toEqual([1, 2, 3, 4]);
  });

  it("Escape leaves the editor; then arrow keys move between cells and A adds a cell above", async () => {
    await editor(app.page, 2).click();
    await app.page.keyboard.press("Escape");
    await app.page.keyboard.press("ArrowDown");
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute("data-cell-id"))).toBe("3");
    await app.page.keyboard.press("ArrowUp");
    await app.page.keyboard.press("a");
    const order = await ids();
    expect(order).toHaveLength(5);
    expect(order.slice(2)).toEqual([2, 3, 4]);
    await app.page.keyboard.press("Control+z");
    expect(await ids()).toEqual([1, 2, 3, 4]);
  });

  it("the cell tools move a cell and change its mode; Markdown then renders", async () => {
    await cell(app.page, 2).hover();
    await cell(app.page, 2).getByRole("button", { name: "Move down" }).click();
    expect(await ids()).toEqual([1, 3, 2, 4]);
    await cell(app.page, 2).hover();
    await cell(app.page, 2).getByRole("button", { name: "Move up" }).click();
    expect(await ids()).toEqual([1, 2, 3, 4]);
    await cell(app.page, 4).hover();
    await cell(app.page, 4).getByRole("button", { name: /Add a cell below/ }).click();
    const added = (await ids())[4];
    await app.page.keyboard.insertText("## Notes");
    await cell(app.page, added).getByLabel("Cell mode").selectOption("md");
    await editor(app.page, added).click();
    await app.page.keyboard.press("Control+Enter");
    await waitForOutput(app.page, added, /^Notes$/);
    expect(await output(app.page, added).locator("h2").count()).toBe(1);
    await cell(app.page, added).getByRole("button", { name: /Delete this cell/ }).click();
  });

  it("with auto-run paused, running a cell only marks the cells using it stale, keeping their output, until Run stale", async () => {
    await app.page.getByLabel("Auto-run").uncheck();
    await replaceText(1, "const a = 3;");
    await app.page.keyboard.press("Shift+Enter");
    await waitForStatus(app.page, 2, "stale");
    expect(await cell(app.page, 1).getAttribute("data-status")).toBe("stale");
    expect(await output(app.page, 2).textContent()).toBe("20");
    await screenshot(app.page, "editing-paused");
    await app.page.getByRole("button", { name: "Run 1 stale" }).click();
    await waitForOutput(app.page, 2, /^30$/);
    await waitForStatus(app.page, 2, "fulfilled");
    await app.page.getByLabel("Auto-run").check();
  });

  it("a generator's values show live while it runs, and Stop ends it", async () => {
    await waitForStatus(app.page, 3, "running");
    const first = Number((await waitForOutput(app.page, 3, /ticks = \d+/)).match(/\d+/)![0]);
    await waitForOutput(app.page, 3, new RegExp(`ticks = (?!${first}$)\\d+`));
    await cell(app.page, 3).getByRole("button", { name: "Stop this cell" }).click();
    await waitForStatus(app.page, 3, "fulfilled");
    const stopped = await output(app.page, 3).textContent();
    await app.page.waitForTimeout(300);
    expect(await output(app.page, 3).textContent()).toBe(stopped);
    expect(app.errors).toEqual([]);
  });

  it("a notebook of 300 cells runs every cell with editors only near the screen, and a cell scrolled to gets its editor", async () => {
    writeNotebook(app.server.root, "many.html", "Many", jsCells(...Array.from({ length: 300 }, (_, index) => `const x${index + 1} = ${index + 1};`)));
    await openNotebook(app.page, app.server.url, "many.html");
    await app.page.waitForFunction(() => {
      const cells = Array.from(document.querySelectorAll("[data-cell-id]"));
      return cells.length === 300 && cells.every((cell) => cell.getAttribute("data-status") === "fulfilled");
    }, undefined, { polling: 100 });
    expect(await output(app.page, 300).textContent()).toBe("x300 = 300");
    const editors = await app.page.locator("[data-cell-id] .cm-editor").count();
    expect(editors).toBeGreaterThan(0);
    expect(editors).toBeLessThan(60);
    expect(await cell(app.page, 300).locator(".cm-editor").count()).toBe(0);
    expect(await cell(app.page, 300).locator(".cell-source").textContent()).toBe("const x300 = 300;");
    await cell(app.page, 300).scrollIntoViewIfNeeded();
    await replaceText(300, "const x300 = 'edited';");
    await app.page.keyboard.press("Control+Enter");
    await waitForOutput(app.page, 300, /^x300 = "edited"$/);
    expect(await cell(app.page, 300).locator(".cell-source").count()).toBe(0);
  });
});
