// Reading and driving the notebook page through its stable hooks: [data-cell-id], data-status,
// [data-cell-output], the .cm-editor inside each cell, [data-save-state] and [data-banner].
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { projectRoot } from "../../helpers/notebooks.ts";

export const SCREENSHOTS = join(projectRoot, "test/.output");

export function cell(page: Page, id: number): Locator {
  return page.locator(`[data-cell-id="${id}"]`);
}

export function output(page: Page, id: number): Locator {
  return cell(page, id).locator("[data-cell-output]");
}

export function editor(page: Page, id: number): Locator {
  return cell(page, id).locator(".cm-editor .cm-content");
}

/** An editor's text, line by line (its placeholder, shown when empty, is not text). */
export function editorText(page: Page, id: number): Promise<string> {
  return editor(page, id).evaluate((content) =>
    Array.from(content.querySelectorAll(".cm-line"), (line) => (line.querySelector(".cm-placeholder") ? "" : line.textContent)).join("\n")
  );
}

/**
 * Opens a notebook and, unless `trust` is false, trusts it when the page asks (files the tests
 * write are not trusted yet; test/e2e/trust.test.ts covers asking).
 */
export async function openNotebook(page: Page, baseUrl: string, path: string, { trust = true } = {}): Promise<void> {
  await page.goto(`${baseUrl}?notebook=${encodeURIComponent(path)}`);
  await page.locator("[data-cell-id]").first().waitFor();
  // The banner is in place before the cells appear, in the same task.
  if (trust && (await page.locator('[data-banner="trust"]').count())) await page.getByRole("button", { name: "Trust and run" }).click();
}

export async function waitForStatus(page: Page, id: number, status: string, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    ([id, status]) => document.querySelector(`[data-cell-id="${id}"]`)?.getAttribute("data-status") === status,
    [id, status] as const,
    { timeout, polling: 100 }
  );
}

export async function waitForOutput(page: Page, id: number, pattern: RegExp, timeout = 120_000): Promise<string> {
  const handle = await page.waitForFunction(
    ([id, source, flags]) => {
      const text = document.querySelector(`[data-cell-id="${id}"] [data-cell-output]`)?.textContent ?? "";
      return new RegExp(source, flags).test(text) ? text : false;
    },
    [id, pattern.source, pattern.flags] as const,
    { timeout, polling: 100 }
  );
  return (await handle.jsonValue()) as string;
}

export async function saveState(page: Page): Promise<string | null> {
  return page.locator("[data-save-state]").getAttribute("data-save-state");
}

/** Puts the cursor at the end of the editor line containing `text`. */
export async function cursorAfterLine(page: Page, id: number, text: string): Promise<void> {
  await editor(page, id).locator(".cm-line", { hasText: text }).click();
  await page.keyboard.press("End");
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Collects the page's uncaught errors, so a test can assert there were none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
