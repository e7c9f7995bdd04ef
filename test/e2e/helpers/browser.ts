// Debian's Chromium driven by playwright-core: headless, no sandbox (containers), nothing fetched
// from the network, a fresh profile per launch so no state leaks between tests.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM_FLAGS } from "../../helpers/chromium-flags.ts";

export const CHROMIUM_ARGS = CHROMIUM_FLAGS;

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), "exemplar-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: inject("chromiumPath"),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 }
  });
  // This machine is shared and slow at times: wait long rather than fail on a busy moment.
  context.setDefaultTimeout(120_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  };
}

export type { Browser };
