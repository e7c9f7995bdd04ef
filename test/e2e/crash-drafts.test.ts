// Unsaved edits survive a browser crash: Chromium is killed (SIGKILL, every process of it) right
// after an edit is typed, a new Chromium starts on the same profile, and opening the notebook
// offers the edit back.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsCells, writeNotebook } from "./helpers/files.ts";
import { startKillableChromium, type KillableChromium } from "./helpers/killable-chromium.ts";
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
    await page.getByRole("button", { name: "Restore unsaved changes" }).click();
    expect(await editorText(page, 1)).toBe("const a = 1;\nconst typed = 'just before the crash';");
    expect(await saveState(page)).toBe("dirty");
    expect(await readFile(join(server.root, "crash.html"), "utf8")).toBe(original);
  });
});

/** In the page: the draft of crash.html holds `text`, in localStorage and in its IndexedDB backup. */
async function draftKept(text: string): Promise<boolean> {
  if (!localStorage.getItem("exemplar:draft:crash.html")?.includes(text)) return false;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open("exemplar-drafts");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!db.objectStoreNames.contains("drafts")) return false;
    const draft = await new Promise<{ text?: string } | undefined>((resolve) => {
      const request = db.transaction("drafts").objectStore("drafts").get("crash.html");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
    });
    return !!draft?.text?.includes(text);
  } finally {
    db.close();
  }
}
