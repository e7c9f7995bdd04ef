// Unsaved edits survive a browser crash: Chromium is killed (SIGKILL, every process of it) right
// after an edit is typed, a new Chromium starts on the same profile, and opening the notebook
// offers the edit back. Drafts are kept per page load: two tabs editing one notebook both get
// theirs back, each listed with its time, and each is deleted once saved or discarded.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsCells, writeNotebook } from "./helpers/files.ts";
import { startKillableChromium, type KillableChromium } from "./helpers/killable-chromium.ts";
import { launchChromium } from "./helpers/browser.ts";
import { editor, editorText, openNotebook, saveState, screenshot } from "./helpers/page.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

let server: TestServer;
let profile: string;
let chromium: KillableChromium | undefined;

beforeAll(async () => {
  [server, profile] = await Promise.all([startTestServer(), mkdtemp(join(tmpdir(), "exemplar-crash-"))]);
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

describe("drafts and a browser crash", () => {
  it("an edit typed just before Chromium is killed is offered back by the next Chromium on the same profile", async () => {
    const original = writeNotebook(server.root, "crash.html", "Crash", jsCells("const a = 1;", "a * 2"));
    chromium = await startKillableChromium(profile);
    let page = await chromium.context.newPage();
    await openNotebook(page, server.url, "crash.html");
    await editor(page, 1).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\nconst typed = 'just before the crash';");
    // Killed the moment the page has kept the draft: Chromium has had no time to flush localStorage.
    await expect.poll(() => page.evaluate(draftKept, "just before the crash"), { interval: 10, timeout: 60_000 }).toBe(true);
    await chromium.kill();

    chromium = await startKillableChromium(profile);
    page = await chromium.context.newPage();
    await openNotebook(page, server.url, "crash.html");
    await page.locator('[data-banner="restore"]').waitFor({ timeout: 20_000 });
    await screenshot(page, "crash-restore-offer");
    await page.getByRole("button", { name: /^Restore unsaved changes/ }).click();
    expect(await editorText(page, 1)).toBe("const a = 1;\nconst typed = 'just before the crash';");
    expect(await saveState(page)).toBe("dirty");
    expect(await readFile(join(server.root, "crash.html"), "utf8")).toBe(original);
  });
});

describe("drafts of two tabs", () => {
  it("two tabs editing one notebook both get theirs back; restoring one and saving deletes it, discarding deletes the other", async () => {
    writeNotebook(server.root, "two-tabs.html", "Two tabs", jsCells("const a = 1;", "a * 2"));
    const browser = await launchChromium();
    try {
      const edit = async (text: string) => {
        const tab = await browser.context.newPage();
        await openNotebook(tab, server.url, "two-tabs.html");
        await editor(tab, 1).click();
        await tab.keyboard.press("Control+End");
        await tab.keyboard.insertText(`\n// ${text}`);
        await expect.poll(() => tab.evaluate(draftKept, text), { interval: 20, timeout: 60_000 }).toBe(true);
        return tab;
      };
      const first = await edit("typed in the first tab");
      const second = await edit("typed in the second tab");
      // Both tabs end without saving (as a crash or a closed window would end them).
      await first.close({ runBeforeUnload: false });
      await second.close({ runBeforeUnload: false });

      const page = await browser.context.newPage();
      await openNotebook(page, server.url, "two-tabs.html");
      const offered = page.locator('[data-banner="restore"] .kept-draft');
      await expect.poll(() => offered.count()).toBe(2);
      expect(await offered.first().textContent()).toMatch(/newer than the file/);
      await screenshot(page, "drafts-two-tabs");
      // Newest first: the second tab's edits.
      await offered.first().getByRole("button", { name: /^Restore/ }).click();
      expect(await editorText(page, 1)).toBe("const a = 1;\n// typed in the second tab");
      await expect.poll(() => offered.count()).toBe(1);
      await page.keyboard.press("Control+s");
      await page.waitForSelector('[data-save-state="saved"]');
      await offered.first().getByRole("button", { name: /^Discard/ }).click();
      expect(await page.locator('[data-banner="restore"]').count()).toBe(0);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("exemplar:draft:")))).toEqual([]);

      await page.reload();
      await page.locator("[data-cell-id]").first().waitFor();
      expect(await page.locator('[data-banner="restore"]').count()).toBe(0);
      expect(await readFile(join(server.root, "two-tabs.html"), "utf8")).toContain("// typed in the second tab");
    } finally {
      await browser.close();
    }
  });
});

/** In the page: a draft holding `text` is in localStorage and in its IndexedDB backup. */
async function draftKept(text: string): Promise<boolean> {
  const key = Object.keys(localStorage).find((name) => name.startsWith("exemplar:draft:") && localStorage.getItem(name)?.includes(text));
  if (!key) return false;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open("exemplar-drafts");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!db.objectStoreNames.contains("drafts")) return false;
    const draft = await new Promise<{ text?: string } | undefined>((resolve) => {
      const request = db.transaction("drafts").objectStore("drafts").get(key.slice("exemplar:draft:".length));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
    });
    return !!draft?.text?.includes(text);
  } finally {
    db.close();
  }
}
