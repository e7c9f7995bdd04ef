// A Chromium this test starts itself (not through playwright's launcher), so it can be killed
// like a crashing browser: SIGKILL to the whole process group, no shutdown, no flush. Playwright
// attaches over the DevTools protocol; a later launch on the same profile sees what survived.
import { spawn, type ChildProcess } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM_ARGS } from "./browser.ts";

export interface KillableChromium {
  browser: Browser;
  /** the profile's default context, the one a person's tabs live in */
  context: BrowserContext;
  /** SIGKILL to every process of this browser, then waits until they are gone */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export async function startKillableChromium(profile: string): Promise<KillableChromium> {
  // The DevTools port file of an earlier (killed) run must not be mistaken for this one's.
  await rm(join(profile, "DevToolsActivePort"), { force: true });
  const child = spawn(inject("chromiumPath"), [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank"], {
    detached: true,
    stdio: "ignore"
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await devToolsPort(profile, child);
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  context.setDefaultTimeout(120_000);
  const killGroup = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  return {
    browser,
    context,
    async kill() {
      killGroup();
      await exited;
    },
    async close() {
      await browser.close().catch(() => undefined);
      killGroup();
      await exited;
    }
  };
}

async function devToolsPort(profile: string, child: ChildProcess): Promise<number> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (child.exitCode !== null) throw new Error(`Chromium exited (${child.exitCode}) before it opened its DevTools port`);
    const text = await readFile(join(profile, "DevToolsActivePort"), "utf8").catch(() => "");
    const port = Number(text.split("\n")[0]);
    if (port > 0) return port;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("Chromium did not open its DevTools port within a minute");
}
