// The page's training cache, in a real Chromium: entries survive a reload, unknown keys miss.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/notebooks.ts";
import { CHROMIUM_FLAGS } from "../helpers/chromium-flags.ts";

describe("the IndexedDB training cache (Chromium)", () => {
  const folder = mkdtempSync(join(tmpdir(), "exemplar-idb-"));
  let server: ViteDevServer;
  let context: BrowserContext;
  let url = "";

  beforeAll(async () => {
    writeFileSync(
      join(folder, "index.html"),
      `<!doctype html><script type="module">
        import { indexedDbCache } from "/@fs${join(projectRoot, "src/teach/cache-indexeddb.ts")}";
        window.cache = indexedDbCache("test-cache");
        window.ready = true;
      </script>`
    );
    server = await createServer({ configFile: false, root: folder, logLevel: "silent", server: { host: "127.0.0.1", port: 0, fs: { allow: [projectRoot, folder] } }, optimizeDeps: { noDiscovery: true } });
    await server.listen();
    url = server.resolvedUrls!.local[0];
    context = await chromium.launchPersistentContext(join(folder, "profile"), { executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("stores a training's weights and history, and serves them after the page reloads", async () => {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as any).ready);
    await page.evaluate(() =>
      (window as any).cache.set("k1", { weights: [{ shape: [2, 1], values: new Float32Array([0.5, -2]) }, { shape: [1], values: new Float32Array([3]) }], history: [{ epoch: 1, loss: 0.25 }], epoch: 1 })
    );
    await page.reload();
    await page.waitForFunction(() => (window as any).ready);
    const entry = await page.evaluate(async () => {
      const found = await (window as any).cache.get("k1");
      const missing = await (window as any).cache.get("nope");
      return { weights: found.weights.map((w: any) => ({ shape: w.shape, values: Array.from(w.values) })), history: found.history, epoch: found.epoch, missing: missing === undefined };
    });
    expect(entry).toEqual({ weights: [{ shape: [2, 1], values: [0.5, -2] }, { shape: [1], values: [3] }], history: [{ epoch: 1, loss: 0.25 }], epoch: 1, missing: true });
    await page.close();
  });
});
