// The whole loop on the shipped notebook, in a real Chromium against a real Vite server: open the
// list, open spiral.html, add one example in the editor, run it, wait for the retrained model's
// evaluation to report the new example count, save, reload, and check the file changed by one line.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/notebooks.ts";
import { cell, cursorAfterLine, editor, output, saveState, screenshot, waitForOutput, waitForStatus } from "./helpers/page.ts";
import { useApp } from "./helpers/app.ts";

const EXAMPLE = "{input: [0.5, 0.5], output: 1},";
const ORIGINAL = join(projectRoot, "notebooks/spiral.html");

const app = useApp();

describe("editing the spiral notebook in the browser", () => {
  it("lists the notebooks with title, file and last modified", async () => {
    await app.page.goto(app.server.url);
    const row = app.page.locator('tr[data-notebook="spiral.html"]');
    await row.waitFor();
    expect(await row.locator("td").allTextContents()).toEqual(["Two spirals", "spiral.html", expect.stringMatching(/now|ago|minute|hour/)]);
    await expect(app.page.getByRole("button", { name: "New notebook" }).isVisible()).resolves.toBe(true);
    await screenshot(app.page, "notebook-list");
  });

  it("opens spiral.html, trains, and evaluates on the 300 shipped examples", async () => {
    await app.page.getByRole("link", { name: "Two spirals" }).click();
    await waitForOutput(app.page, 7, /after epoch \d+ of 80 on 300 examples/);
    await waitForStatus(app.page, 4, "fulfilled");
    expect(await app.page.locator(".backend").textContent()).toMatch(/tfjs · (wasm|cpu)/);
    expect(await cell(app.page, 2).locator(".cm-editor").count()).toBe(1);
    await screenshot(app.page, "spiral-opened");
  });

  it("one example typed in the editor and Shift-Enter retrains: the evaluation reports 301 examples", async () => {
    await cursorAfterLine(app.page, 2, "...teach.spiral({perClass: 150, seed: 1}),");
    await app.page.keyboard.press("Enter");
    await app.page.keyboard.type(EXAMPLE);
    expect(await editor(app.page, 2).textContent()).toContain(EXAMPLE);
    await app.page.keyboard.press("Shift+Enter");
    // The retrain warm-starts from the last weights, so it may finish before a poll sees it run;
    // live progress is covered by the kernel tests. Wait for the evaluation of the new examples.
    const report = await waitForOutput(app.page, 7, /after epoch \d+ of 80 on 301 examples/);
    await cell(app.page, 2).evaluate((element) => element.scrollIntoView({ block: "start" }));
    await app.page.mouse.move(0, 0);
    await screenshot(app.page, "notebook-page", false);
    expect(report).toMatch(/Held-out accuracy \d+(\.\d)?% on 400 points/);
    await waitForStatus(app.page, 4, "fulfilled");
    await waitForStatus(app.page, 7, "fulfilled");
    expect(await output(app.page, 2).locator(".widget-caption").textContent()).toMatch(/^301 examples · 1 written here, 300 from code/);
  });

  it("Ctrl-S saves Kit's serialization: the file differs from the original by exactly the added line", async () => {
    expect(await saveState(app.page)).toBe("dirty");
    await app.page.keyboard.press("Control+s");
    await app.page.waitForSelector('[data-save-state="saved"]');
    const saved = join(app.server.root, "spiral.html");
    const diff = gitDiff(ORIGINAL, saved);
    expect(diff.numstat).toBe(`1\t0\t`);
    expect(diff.added).toEqual([`      ${EXAMPLE}`]);
    expect(readFileSync(saved, "utf8")).toBe(readFileSync(ORIGINAL, "utf8").replace("seed: 1}),\n", `seed: 1}),\n      ${EXAMPLE}\n`));
  });

  it("after a reload the edit is there, runs again, and no unsaved changes are offered", async () => {
    await app.page.reload();
    await cell(app.page, 2).waitFor();
    expect(await editor(app.page, 2).textContent()).toContain(EXAMPLE);
    await waitForOutput(app.page, 7, /on 301 examples/);
    expect(await app.page.locator('[data-banner="restore"]').count()).toBe(0);
    expect(await saveState(app.page)).toBe("saved");
    await screenshot(app.page, "spiral-after-reload");
    expect(app.errors).toEqual([]);
  });
});

function gitDiff(before: string, after: string): { numstat: string; added: string[] } {
  const run = (args: string[]) => {
    try {
      return execFileSync("git", ["diff", "--no-index", ...args, before, after], { encoding: "utf8" });
    } catch (error) {
      // git diff exits 1 when the files differ; its output is still the answer.
      return (error as { stdout: string }).stdout;
    }
  };
  const numstat = run(["--numstat"]).split("\n")[0].replace(/\t[^\t]*$/, "\t");
  const added = run(["--unified=0"])
    .split("\n")
    .filter((line) => line.startsWith("+") && !line.startsWith("+++"))
    .map((line) => line.slice(1));
  return { numstat, added };
}
