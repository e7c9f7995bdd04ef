// The app's settings in a real Chromium: the loop budget stops a cell that never yields (at the
// page's default 2 s, then at what the person set), the other cells run on, a stopped cell runs
// to its end without a limit when asked from its error, the dialog refuses a value that cannot be
// a budget, and the setting outlives a reload.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type TestBrowser } from "./helpers/browser.ts";
import { jsCells, writeNotebook } from "./helpers/files.ts";
import { output, openNotebook, pageErrors, screenshot, waitForOutput, waitForStatus } from "./helpers/page.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const dialog = (page: Page) => page.getByRole("dialog", { name: "Settings" });
const budgetField = (page: Page) => dialog(page).locator('input[name="loop-budget"]');

describe("the loop budget setting", () => {
  it("a cell stopped by the budget runs to its end when run without a limit from its error", async () => {
    // Three seconds of work without a turn for the page: past the 2 s budget, but it ends.
    writeNotebook(server.root, "long-loop.html", "Long loop", jsCells("let spins = 0;\nconst end = performance.now() + 3000;\nwhile (performance.now() < end) spins++;\nconst done = spins > 0;", "done ? 'done' : 'not yet'"));
    const page = await browser.context.newPage();
    const errors = pageErrors(page);
    await openNotebook(page, server.url, "long-loop.html");
    await waitForStatus(page, 1, "rejected", 60_000);
    const error = output(page, 1).locator('.cell-error[data-error-kind="limit"]');
    expect(await error.locator(".cell-error-message").textContent()).toMatch(/^RunawayCellError: stopped after 2 s without yielding \(the loop at 3:1 in cell 1\)/);
    await error.getByRole("button", { name: "Run without a limit" }).click();
    await waitForOutput(page, 2, /^"done"$/, 60_000);
    await waitForStatus(page, 1, "fulfilled");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("stops a runaway cell after the default 2 s, then after the budget set in Settings, and keeps it across reloads", async () => {
    writeNotebook(server.root, "runaway.html", "Runaway", jsCells("let spins = 0;\nwhile (true) spins++;", "const answer = 6 * 7;", "answer + 1"));
    const page = await browser.context.newPage();
    const errors = pageErrors(page);
    await openNotebook(page, server.url, "runaway.html");
    await waitForStatus(page, 1, "rejected", 60_000);
    expect(await output(page, 1).textContent()).toMatch(/stopped after 2 s without yielding \(the loop at 2:1 in cell 1\)/);
    await waitForOutput(page, 3, /^43$/);

    await page.getByRole("button", { name: "Settings" }).click();
    expect(await budgetField(page).inputValue()).toBe("2");
    await budgetField(page).fill("-1");
    expect(await dialog(page).getByRole("alert").textContent()).toBe("the budget must be between 0 (never stop) and 3600 seconds");
    expect(await dialog(page).getByRole("button", { name: "Save" }).isDisabled()).toBe(true);
    await screenshot(page, "settings-dialog", false);
    await budgetField(page).fill("0.5");
    await dialog(page).getByRole("button", { name: "Save" }).click();
    expect(await dialog(page).count()).toBe(0);

    // Saving restarted the notebook: the loop now stops after half a second.
    await waitForOutput(page, 1, /stopped after 0\.5 s without yielding/, 30_000);
    await waitForOutput(page, 3, /^43$/);

    await page.reload();
    await waitForOutput(page, 1, /stopped after 0\.5 s without yielding/, 30_000);
    await page.getByRole("button", { name: "Settings" }).click();
    expect(await budgetField(page).inputValue()).toBe("0.5");
    await page.keyboard.press("Escape");
    expect(await dialog(page).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
