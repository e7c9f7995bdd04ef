// Nothing typed is lost, in a real Chromium: a file changed on disk behind the page is not
// overwritten (the conflict is shown, with a way out), unsaved edits survive a closed tab, leaving
// with unsaved edits asks first, and a file Kit would change is not saved until the person accepts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium, type TestBrowser } from "./helpers/browser.ts";
import { jsCells, writeNotebook } from "./helpers/files.ts";
import { editor, editorText, openNotebook, pageErrors, saveState, screenshot, waitForOutput } from "./helpers/page.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

let server: TestServer;
let browser: TestBrowser;
let page: Page;
let errors: string[];
const file = (name: string) => join(server.root, name);

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  page = await browser.context.newPage();
  errors = pageErrors(page);
  return async () => {
    await page.close();
    expect(errors).toEqual([]);
  };
});

async function typeAtEnd(id: number, text: string): Promise<void> {
  await editor(page, id).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(text);
}

describe("saving without losing anything", () => {
  it("New notebook writes a Kit file that opens, and refuses a name already taken", async () => {
    await page.goto(server.url);
    await page.getByLabel("File name of the new notebook").fill("my lesson");
    await page.getByRole("button", { name: "New notebook" }).click();
    await page.waitForURL(/notebook=my%20lesson\.html/);
    await waitForOutput(page, 1, /My lesson/);
    expect(readFileSync(file("my lesson.html"), "utf8")).toMatch(/^<!doctype html>\n<notebook theme="air">\n {2}<title>My lesson<\/title>/);
    await page.goto(server.url);
    await page.getByLabel("File name of the new notebook").fill("my lesson.html");
    await page.getByRole("button", { name: "New notebook" }).click();
    await page.getByText(/already exists/).waitFor();
  });

  it("a file changed on disk behind the page is not overwritten: the conflict shows, and saving as a new file keeps both", async () => {
    writeNotebook(server.root, "shared.html", "Shared", jsCells("const a = 1;", "a + 1"));
    await openNotebook(page, server.url, "shared.html");
    await waitForOutput(page, 2, /^2$/);
    await typeAtEnd(1, "\n// mine");
    const theirs = writeNotebook(server.root, "shared.html", "Shared", jsCells("const a = 1;", "a + 1", "// theirs"));
    await page.keyboard.press("Control+s");
    await page.locator('[data-banner="conflict"]').waitFor();
    expect(await saveState(page)).toBe("conflict");
    expect(readFileSync(file("shared.html"), "utf8")).toBe(theirs);
    await screenshot(page, "saving-conflict");

    await page.getByLabel("New file name").fill("shared-mine.html");
    await page.getByRole("button", { name: "Save as new file" }).click();
    await page.waitForURL(/notebook=shared-mine\.html/);
    await page.locator("[data-cell-id]").first().waitFor();
    expect(readFileSync(file("shared-mine.html"), "utf8")).toContain("// mine");
    expect(readFileSync(file("shared.html"), "utf8")).toBe(theirs);
  });

  it("after a conflict, overwriting writes the page's version", async () => {
    writeNotebook(server.root, "overwrite.html", "Overwrite", jsCells("const a = 1;"));
    await openNotebook(page, server.url, "overwrite.html");
    await typeAtEnd(1, "\n// mine");
    writeNotebook(server.root, "overwrite.html", "Overwrite", jsCells("const a = 2;"));
    await page.keyboard.press("Control+s");
    await page.getByRole("button", { name: /Overwrite the file/ }).click();
    await page.waitForSelector('[data-save-state="saved"]');
    expect(readFileSync(file("overwrite.html"), "utf8")).toContain("const a = 1;\n    // mine");
    expect(await page.locator('[data-banner="conflict"]').count()).toBe(0);
  });

  it("unsaved edits survive a closed tab: the next visit offers to restore them", async () => {
    const original = writeNotebook(server.root, "draft.html", "Draft", jsCells("const a = 1;", "a * 2"));
    await openNotebook(page, server.url, "draft.html");
    await typeAtEnd(1, "\nconst kept = true;");
    await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.endsWith("draft.html")));
    await page.close();

    page = await browser.context.newPage();
    errors = pageErrors(page);
    await openNotebook(page, server.url, "draft.html");
    await page.locator('[data-banner="restore"]').waitFor();
    expect(await editorText(page, 1)).toBe("const a = 1;");
    await page.getByRole("button", { name: "Restore unsaved changes" }).click();
    expect(await editorText(page, 1)).toBe("const a = 1;\nconst kept = true;");
    expect(await saveState(page)).toBe("dirty");
    expect(readFileSync(file("draft.html"), "utf8")).toBe(original);
  });

  it("leaving the page with unsaved changes asks first", async () => {
    writeNotebook(server.root, "leave.html", "Leave", jsCells("const a = 1;"));
    await openNotebook(page, server.url, "leave.html");
    await typeAtEnd(1, " // unsaved");
    const asked = new Promise<string>((resolve) => page.once("dialog", (dialog) => (resolve(dialog.type()), void dialog.dismiss())));
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");
    expect(page.isClosed()).toBe(false);
    await page.close();
    page = await browser.context.newPage();
    errors = pageErrors(page);
  });

  it("a file Kit would change on save opens with the changes listed, and is not saved until they are accepted", async () => {
    const text = writeNotebook(server.root, "duplicate.html", "Duplicate", jsCells("const a = 1;", "a + 1")).replace('<script id="2"', '<script id="1"');
    writeFileSync(file("duplicate.html"), text);
    await openNotebook(page, server.url, "duplicate.html");
    const warnings = page.locator('[data-banner="warnings"]');
    await warnings.waitFor();
    expect(await warnings.textContent()).toMatch(/duplicate cell id 1: it will be renumbered/);
    expect(await saveState(page)).toBe("saved");
    await screenshot(page, "saving-warnings");
    await typeAtEnd(1, "\n// edited");
    await page.keyboard.press("Control+s");
    await page.locator('[data-banner="notice"]').waitFor();
    expect(readFileSync(file("duplicate.html"), "utf8")).toBe(text);

    await page.getByRole("button", { name: /Accept these changes/ }).click();
    await page.keyboard.press("Control+s");
    await page.waitForSelector('[data-save-state="saved"]');
    const saved = readFileSync(file("duplicate.html"), "utf8");
    expect(saved).toContain("// edited");
    expect(saved.match(/<script id="1"/g)).toHaveLength(1);
    expect(saved).toContain('<script id="2" type="module" pinned="">\n    a + 1');
  });
});
