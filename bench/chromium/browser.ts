// Debian's Chromium driven by playwright-core: headless, nothing fetched from the network, a fresh
// profile per launch; WebGL through SwiftShader.
import { mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM_FLAGS } from "../../test/helpers/chromium-flags.ts";

export const CHROMIUM = "/usr/bin/chromium";
// WebGL through SwiftShader, so the webgl backend can be timed.
// Precise heap figures (performance.memory is otherwise rounded), for the memory rows.
export const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, "--enable-unsafe-swiftshader", "--enable-precise-memory-info"];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), "exemplar-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  };
}
