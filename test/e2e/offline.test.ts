// No network by default: opening and running every shipped notebook in Chromium requests nothing
// but the local server (the compatibility fixtures are checked the same way in compat.test.ts).
// Each lesson runs to the end under the page's default loop budget, and leaves a screenshot of
// the widget that tells its story (docs/lessons/ holds the README's copies).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type TestBrowser } from "./helpers/browser.ts";
import { openNotebook, screenshot } from "./helpers/page.ts";
import { foreignRequests, recordRequests, settledStatuses } from "./helpers/requests.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { notebookFiles } from "../helpers/notebooks.ts";

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  // Anything bound elsewhere fails at once (and is still recorded), as with no network at all.
  await browser.context.route((url) => url.origin !== new URL(server.url).origin, (route) => route.abort("internetdisconnected"));
});

/** The widget each lesson is about, scrolled to the top of the screenshot. */
const TOLD_BY: Record<string, string> = {
  "spiral.html": "training",
  "penguins.html": "evaluation",
  "fuel-economy.html": "training",
  "rule-vs-model.html": "comparison",
  "shapes.html": "evaluation",
  "digits.html": "evaluation"
};

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("offline by default", () => {
  it.each(notebookFiles("notebooks").map((file) => file.split("/").pop()!))("%s opens and runs to the end requesting only the local server", async (name) => {
    const page: Page = await browser.context.newPage();
    const requests = recordRequests(page);
    try {
      await openNotebook(page, server.url, name);
      const statuses = await settledStatuses(page);
      expect(Object.values(statuses).filter((status) => status === "rejected")).toEqual([]);
      expect(requests.length).toBeGreaterThan(0);
      expect(foreignRequests(requests, server.url)).toEqual([]);
      // Each part of the bar stays on one line, however long the notebook's name.
      const tallest = await page.locator(".app-bar > :not(.where)").evaluateAll((parts) => Math.max(...parts.map((part) => part.getBoundingClientRect().height)));
      expect(tallest).toBeLessThan(36);
      const told = TOLD_BY[name];
      if (told) {
        await page.locator(`[data-widget="${told}"]`).first().evaluate((widget) => widget.closest("[data-cell-id]")!.scrollIntoView({ block: "start" }));
        await screenshot(page, `lesson-${name.replace(".html", "")}`, false);
      }
    } finally {
      await page.close();
    }
  });
});
