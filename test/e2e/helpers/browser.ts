// Debian's Chromium driven by playwright-core: headless, no sandbox (containers), nothing fetched
// from the network, a fresh profile per launch so no state leaks between tests.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM_FLAGS } from "../../helpers/chromium-flags.ts";

// No WebGL unless a test asks for it: without a GPU it is SwiftShader, and a page with WebGL times
// it for trainings in its worker (seconds of compiling on these shared cores) in every test.
export const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, "--disable-webgl"];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** `args`: flags beyond the shared ones (a software WebGPU adapter, say); `webgl`: keep WebGL (SwiftShader). */
export async function launchChromium({ args = [], webgl = false }: { args?: string[]; webgl?: boolean } = {}): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), "exemplar-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: inject("chromiumPath"),
    args: [...(webgl ? CHROMIUM_FLAGS : CHROMIUM_ARGS), ...args],
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
