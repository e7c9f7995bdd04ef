// The app's server and a Chromium for one test file, started once, and the page its tests drive:
// one page for the whole file, or with `pagePerTest` a fresh page for each test, closed after it
// with a check that it threw nothing.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { launchChromium, type TestBrowser } from "./browser.ts";
import { pageErrors } from "./page.ts";
import { startTestServer, type TestServer } from "./server.ts";

export interface AppSession {
  readonly server: TestServer;
  readonly browser: TestBrowser;
  readonly page: Page;
  /** the page's uncaught errors so far */
  readonly errors: string[];
  /** a fresh page in place of `page` (a test that closed its page on purpose) */
  openPage(): Promise<void>;
}

/** `folders`: more of the project under the served root (see startTestServer); `chromium`: extra flags, WebGL. */
export function useApp({ pagePerTest = false, folders = [] as { from: string; to: string }[], chromium = {} as Parameters<typeof launchChromium>[0] } = {}): AppSession {
  const session = {
    async openPage() {
      session.page = await session.browser.context.newPage();
      session.errors = pageErrors(session.page);
    }
  } as { server: TestServer; browser: TestBrowser; page: Page; errors: string[]; openPage(): Promise<void> };
  const openPage = () => session.openPage();
  beforeAll(async () => {
    [session.server, session.browser] = await Promise.all([startTestServer({ folders }), launchChromium(chromium)]);
    if (!pagePerTest) await openPage();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  if (pagePerTest) {
    beforeEach(async () => {
      await openPage();
      return async () => {
        await session.page.close();
        expect(session.errors).toEqual([]);
      };
    });
  }
  return session;
}
