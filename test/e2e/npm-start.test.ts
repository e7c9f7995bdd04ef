// The README's own setup, as a person runs it: `npm start` in a checkout, serving ./notebooks
// inside it. The checkout is a throwaway `git worktree` of HEAD (sharing this project's installed
// packages), on --port 0, so no tracked file of the project is ever touched. A notebook dropped
// into ./notebooks and a shipped one edited on disk ask before running; nothing outside the route
// table serves a notebook as a page; a save keeps the page as it is; threaded wasm starts.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type TestBrowser } from "./helpers/browser.ts";
import { jsCells, writeNotebook } from "./helpers/files.ts";
import { cursorAfterLine, editorText, output, pageErrors, screenshot, waitForOutput, waitForStatus } from "./helpers/page.ts";
import { projectRoot } from "../helpers/notebooks.ts";

let checkout: string;
let state: string;
let server: ChildProcess;
let url: string;
let browser: TestBrowser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  checkout = mkdtempSync(join(tmpdir(), "exemplar-checkout-"));
  state = mkdtempSync(join(tmpdir(), "exemplar-state-"));
  execFileSync("git", ["worktree", "add", "--detach", checkout, "HEAD"], { cwd: projectRoot, stdio: "ignore" });
  symlinkSync(join(projectRoot, "node_modules"), join(checkout, "node_modules"));
  server = spawn("npm", ["start", "--", "--port", "0"], { cwd: checkout, env: { ...process.env, EXEMPLAR_STATE_DIR: state }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  [url, browser] = await Promise.all([serverUrl(server), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  if (server?.pid) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await exited;
  }
  execFileSync("git", ["worktree", "remove", "--force", checkout], { cwd: projectRoot, stdio: "ignore" });
  rmSync(state, { recursive: true, force: true });
});

/** The address `npm start` prints once it serves; its output so far if it exits first. */
function serverUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const read = (chunk: Buffer) => {
      output += chunk;
      const found = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) resolve(found[1]);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}) before it served:\n${output}`)));
  });
}

async function open(path: string): Promise<void> {
  await page?.close();
  page = await browser.context.newPage();
  errors = pageErrors(page);
  await page.goto(`${url}?notebook=${encodeURIComponent(path)}`);
  await page.locator("[data-cell-id]").first().waitFor();
}

const asked = () => page.locator('[data-banner="trust"]').count();
const marked = () => page.evaluate(() => (window as { exemplarRan?: string }).exemplarRan ?? null);

describe("npm start on ./notebooks in a checkout", () => {
  it("a notebook dropped into ./notebooks shows the trust prompt and runs nothing", async () => {
    writeNotebook(join(checkout, "notebooks"), "dropped.html", "Sent by someone", jsCells('window.exemplarRan = "dropped";', "1 + 1"));
    await open("dropped.html");
    expect(await asked()).toBe(1);
    await page.waitForLoadState("networkidle");
    expect(await marked()).toBeNull();
    await screenshot(page, "npm-start-dropped");
    await page.getByRole("button", { name: "Trust and run" }).click();
    await waitForStatus(page, 2, "fulfilled");
    expect(await marked()).toBe("dropped");
    // The trust was recorded by the server, in the state folder, not in the checkout.
    expect(readFileSync(join(state, "trusted-notebooks.json"), "utf8")).toContain("dropped.html");
  });

  it("a shipped notebook runs as shipped, and asks again once edited on disk", async () => {
    await open("shapes.html");
    expect(await asked()).toBe(0);
    const spiral = join(checkout, "notebooks/spiral.html");
    writeFileSync(spiral, readFileSync(spiral, "utf8").replace("</notebook>", '  <script id="99" type="module">\n    window.exemplarRan = "edited";\n  </script>\n</notebook>'));
    await open("spiral.html");
    expect(await asked()).toBe(1);
    await page.waitForLoadState("networkidle");
    expect(await marked()).toBeNull();
  });

  it("/@fs/ and every path outside the route table never answer a notebook as a page", async () => {
    const notebook = join(checkout, "notebooks/dropped.html");
    for (const path of [`@fs${notebook}`, "notebooks/dropped.html", "dropped.html", "src/app/index.html", "@vite/client", "api/files/../dropped.html"]) {
      const response = await fetch(new URL(path, url));
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type"), path).toMatch(/^application\/json/);
    }
    // The file API does hand out the notebook, as data that cannot run as a page of the app.
    const file = await fetch(new URL("api/files/dropped.html", url));
    expect(file.headers.get("content-security-policy")).toMatch(/\bsandbox\b/);
    await page.goto(new URL(`@fs${notebook}`, url).href);
    await page.goto(new URL("api/files/dropped.html", url).href);
    expect(await marked()).toBeNull();
  });

  it("Ctrl-S saves and keeps the page: a value set on window and the undo history are still there", async () => {
    writeNotebook(join(checkout, "notebooks"), "kept.html", "Kept", jsCells("const a = 1;", "a * 10"));
    await open("kept.html");
    await page.getByRole("button", { name: "Trust and run" }).click();
    await waitForOutput(page, 2, /10/);
    await page.evaluate(() => ((window as { keptAcrossSave?: number }).keptAcrossSave = 42));
    await cursorAfterLine(page, 1, "const a");
    await page.keyboard.type(" // one");
    await page.keyboard.press("Control+s");
    await page.waitForSelector('[data-save-state="saved"]');
    expect(readFileSync(join(checkout, "notebooks/kept.html"), "utf8")).toContain("const a = 1; // one");
    expect(await page.evaluate(() => (window as { keptAcrossSave?: number }).keptAcrossSave)).toBe(42);
    await page.keyboard.press("Control+z");
    expect(await editorText(page, 1)).toBe("const a = 1;");
    expect(errors).toEqual([]);
  });

  it("serves the page cross-origin isolated, and tfjs starts its threaded wasm build in the built app", async () => {
    writeNotebook(join(checkout, "notebooks"), "threads.html", "Threads", jsCells("const backend = (await tf.ready(), tf.getBackend());", "const sum = tf.tidy(() => tf.tensor([1, 2, 3]).sum().dataSync()[0]);", "const isolated = crossOriginIsolated;"));
    const response = await fetch(url);
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    await open("threads.html");
    const wasm: string[] = [];
    page.on("request", (request) => void (request.url().endsWith(".wasm") && wasm.push(request.url())));
    await page.getByRole("button", { name: "Trust and run" }).click();
    await waitForOutput(page, 2, /sum = 6/);
    expect(await output(page, 1).textContent()).toContain('backend = "wasm"');
    expect(await output(page, 3).textContent()).toContain("isolated = true");
    expect(wasm.map((address) => address.split("/").pop())).toEqual([expect.stringMatching(/^tfjs-backend-wasm-threaded-simd-[\w-]+\.wasm$/)]);
    // The threaded build runs its kernels on a pool of workers it starts itself.
    expect(page.workers().length).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  });
});
