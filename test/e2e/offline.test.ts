// No network by default: opening and running every shipped notebook in Chromium requests nothing
// but the local server (the compatibility fixtures are checked the same way in compat.test.ts).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type TestBrowser } from "./helpers/browser.ts";
import { openNotebook } from "./helpers/page.ts";
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
    } finally {
      await page.close();
    }
  });
});
