// What a page fetches, and when a notebook's cells have all settled.
import type { Page } from "playwright-core";

/** Records the address of every request the page makes from now on. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

/** The requests that left the page's own server (blob: and data: addresses never leave the page). */
export function foreignRequests(urls: string[], serverUrl: string): string[] {
  const origin = new URL(serverUrl).origin;
  return urls.filter((url) => !url.startsWith("blob:") && !url.startsWith("data:") && new URL(url).origin !== origin);
}

/** Waits until no cell is pending, running or stale, and returns each cell's status by id. */
export async function settledStatuses(page: Page, timeout = 120_000): Promise<Record<string, string>> {
  await page.locator("[data-cell-id]").first().waitFor();
  const handle = await page.waitForFunction(
    () => {
      const cells = Array.from(document.querySelectorAll("[data-cell-id]"));
      const statuses = cells.map((cell) => [cell.getAttribute("data-cell-id"), cell.getAttribute("data-status")] as const);
      return statuses.every(([, status]) => status && !["pending", "running", "stale"].includes(status)) && Object.fromEntries(statuses);
    },
    undefined,
    { timeout, polling: 100 }
  );
  return (await handle.jsonValue()) as Record<string, string>;
}

/** Every resource the page has loaded, from the network or the browser's cache (requests miss cached ones). */
export function loadedResources(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
}
