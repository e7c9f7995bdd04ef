// Nothing typed is lost, in a real Chromium: a file changed on disk behind the page is not
// overwritten (the conflict is shown, with a way out), unsaved edits survive a closed tab, leaving
// with unsaved edits asks first, and a file Kit would change is not saved until the person accepts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { jsCells, writeNotebook } from "./helpers/files.ts";
import { editor, editorText, openNotebook, saveState, screenshot, waitForOutput } from "./helpers/page.ts";
import { useApp } from "./helpers/app.ts";

const app = useApp({ pagePerTest: true });
const file = (name: string) => join(app.server.root, name);

beforeEach(async () => {
  return async () => {
  };
});

async function typeAtEnd(id: number, text: string): Promise<void> {
  await editor(app.page, id).click();
  await app.page.keyboard.press("Control+End");
  await app.page.keyboard.insertText(text);
}

describe("saving without losing anything", () => {
  it("New notebook writes a Kit file that opens, and refuses a name already taken", async () => {
    await app.page.goto(app.server.url);
    await app.page.getByLabel("File name of the new notebook").fill("my lesson");
    await app.page.getByRole("button", { name: "New notebook" }).click();
    await app.page.waitForURL(/notebook=my%20lesson\.html/);
    await waitForOutput(app.page, 1, /My lesson/);
    expect(readFileSync(file("my lesson.html"), "utf8")).toMatch(/^<!doctype html>\n<notebook theme="air">\n {2}<title>My lesson<\/title>/);
    await app.page.goto(app.server.url);
    await app.page.getByLabel("File name of the new notebook").fill("my lesson.html");
    await app.page.getByRole("button", { name: "New notebook" }).click();
    await app.page.getByText(/already exists/).waitFor();
  });

  it("a file changed on disk behind the page is not overwritten: the conflict shows, and saving as a new file keeps both", async () => {
    writeNotebook(app.server.root, "shared.html", "Shared", jsCells("const a = 1;", "a + 1"));
    await openNotebook(app.page, app.server.url, "shared.html");
    await waitForOutput(app.page, 2, /^2$/);
    await typeAtEnd(1, "\n// mine");
    const theirs = writeNotebook(app.server.root, "shared.html", "Shared", jsCells("const a = 1;", "a + 1", "// theirs"));
    await app.page.keyboard.press("Control+s");
    await app.page.locator('[data-banner="conflict"]').waitFor();
    expect(await saveState(app.page)).toBe("conflict");
    expect(readFileSync(file("shared.html"), "utf8")).toBe(theirs);
    await screenshot(app.page, "saving-conflict");

    await app.page.getByLabel("New file name").fill("shared-mine.html");
    await app.page.getByRole("button", { name: "Save as new file" }).click();
    await app.page.waitForURL(/notebook=shared-mine\.html/);
    await app.page.locator("[data-cell-id]").first().waitFor();
    expect(readFileSync(file("shared-mine.html"), "utf8")).toContain("// mine");
    expect(readFileSync(file("shared.html"), "utf8")).toBe(theirs);
  });

  it("after a conflict, overwriting writes the page's version", async () => {
    writeNotebook(app.server.root, "overwrite.html", "Overwrite", jsCells("const a = 1;"));
    await openNotebook(app.page, app.server.url, "overwrite.html");
    await typeAtEnd(1, "\n// mine");
    writeNotebook(app.server.root, "overwrite.html", "Overwrite", jsCells("const a = 2;"));
    await app.page.keyboard.press("Control+s");
    await app.page.getByRole("button", { name: /Overwrite the file/ }).click();
    await app.page.waitForSelector('[data-save-state="saved"]');
    expect(readFileSync(file("overwrite.html"), "utf8")).toContain("const a = 1;\n    // mine");
    expect(await app.page.locator('[data-banner="conflict"]').count()).toBe(0);
  });

  it("unsaved edits survive a closed tab: the next visit offers to restore them", async () => {
    const original = writeNotebook(app.server.root, "draft.html", "Draft", jsCells("const a = 1;", "a * 2"));
    await openNotebook(app.page, app.server.url, "draft.html");
    await typeAtEnd(1, "\nconst kept = true;");
    await app.page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith("exemplar:draft:") && localStorage.getItem(key)!.includes("const kept = true")));
    await app.page.close();

    await app.openPage();
    await openNotebook(app.page, app.server.url, "draft.html");
    await app.page.locator('[data-banner="restore"]').waitFor();
    expect(await editorText(app.page, 1)).toBe("const a = 1;");
    await app.page.getByRole("button", { name: /^Restore unsaved changes/ }).click();
    expect(await editorText(app.page, 1)).toBe("const a = 1;\nconst kept = true;");
    expect(await saveState(app.page)).toBe("dirty");
    expect(readFileSync(file("draft.html"), "utf8")).toBe(original);
  });

  it("leaving the page with unsaved changes asks first", async () => {
    writeNotebook(app.server.root, "leave.html", "Leave", jsCells("const a = 1;"));
    await openNotebook(app.page, app.server.url, "leave.html");
    await typeAtEnd(1, " // unsaved");
    const asked = new Promise<string>((resolve) => app.page.once("dialog", (dialog) => (resolve(dialog.type()), void dialog.dismiss())));
    await app.page.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");
    expect(app.page.isClosed()).toBe(false);
    await app.page.close();
    await app.openPage();
  });

  it("a file Kit would change on save opens with the changes listed, and is not saved until they are accepted", async () => {
    const text = writeNotebook(app.server.root, "duplicate.html", "Duplicate", jsCells("const a = 1;", "a + 1")).replace('<script id="2"', '<script id="1"');
    writeFileSync(file("duplicate.html"), text);
    await openNotebook(app.page, app.server.url, "duplicate.html");
    const warnings = app.page.locator('[data-banner="warnings"]');
    await warnings.waitFor();
    expect(await warnings.textContent()).toMatch(/duplicate cell id 1: it will be renumbered/);
    expect(await saveState(app.page)).toBe("saved");
    await screenshot(app.page, "saving-warnings");
    await typeAtEnd(1, "\n// edited");
    await app.page.keyboard.press("Control+s");
    await app.page.locator('[data-banner="notice"]').waitFor();
    expect(readFileSync(file("duplicate.html"), "utf8")).toBe(text);

    await app.page.getByRole("button", { name: /Accept these changes/ }).click();
    await app.page.keyboard.press("Control+s");
    await app.page.waitForSelector('[data-save-state="saved"]');
    const saved = readFileSync(file("duplicate.html"), "utf8");
    expect(saved).toContain("// edited");
    expect(saved.match(/<script id="1"/g)).toHaveLength(1);
    expect(saved).toContain('<script id="2" type="module" pinned="">\n    a + 1');
  });
});
