// Start-up of the real app (`npm start`'s server): the JavaScript a page downloads before a
// notebook's first cell output (gzip) and the time to that output, against the notebook list page
// of the same server; and the JavaScript each library adds when a cell first names it.
// Every page gets a fresh browser context (no cache); the server has served each page once before.
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { serializeNotebook } from "../../src/notebook/format.ts";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { startAppServer } from "../../src/server/app-server.ts";
import { toNotebook } from "@observablehq/notebook-kit";
import { formatMs, median } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser.ts";

const JS_GOAL_KB = 600;
const FIRST_OUTPUT_GOAL_MS = 1500;
// Each library a cell can name, and what makes the page load it.
const LIBRARIES: Record<string, string> = {
  tf: "tf.tensor([1, 2]).size",
  tfvis: "typeof tfvis.render",
  dfd: "typeof dfd.DataFrame",
  d3: "typeof d3.scaleLinear",
  Plot: "typeof Plot.plot",
  Inputs: "typeof Inputs.range",
  htl: "typeof htl.html",
  tex: "tex`x^2`",
  _: "typeof _.chunk",
  topojson: "typeof topojson.feature",
  Arrow: "typeof Arrow.tableFromArrays",
  TypeScript: "(1 as number) + 1"
};

interface PageLoad {
  /** ms from navigation to the moment it was ready (first cell output, or the list shown) */
  readyMs: number;
  /** gzipped bytes of JavaScript responses that arrived before then */
  jsBefore: number;
  /** gzipped bytes of every JavaScript response until the page settled */
  jsTotal: number;
}

export async function startupBench({ long = false } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const root = await mkdtemp(join(tmpdir(), "exemplar-bench-startup-"));
  await cp(new URL("../../notebooks", import.meta.url), root, { recursive: true });
  await writeLibraryNotebooks(root);
  const server = await startAppServer({ root, port: 0 });
  const url = `http://127.0.0.1:${server.port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    const notebook = (path: string) => load(browser, `${url}?notebook=${encodeURIComponent(path)}`, firstOutput);
    const list = () => load(browser, url, listShown);
    await notebook("spiral.html"); // the server transforms each module on its first request
    await list();
    const rounds = long ? 9 : 5;
    const samples = { spiral: [] as PageLoad[], list: [] as PageLoad[] };
    for (let round = 0; round < rounds; round++) {
      samples.spiral.push(await notebook("spiral.html"));
      samples.list.push(await list());
    }
    const ms = median(samples.spiral.map((load) => load.readyMs));
    const listMs = median(samples.list.map((load) => load.readyMs));
    const kb = median(samples.spiral.map((load) => load.jsBefore)) / 1024;
    const listKb = median(samples.list.map((load) => load.jsBefore)) / 1024;
    rows.push(
      {
        bench: "start-up",
        case: "spiral lesson · JavaScript (gzip) before the first cell output · Chromium",
        measured: `${kb.toFixed(0)} KB`,
        baseline: `notebook list page ${listKb.toFixed(0)} KB`,
        ratio: kb / listKb,
        goal: `≤ ${JS_GOAL_KB} KB`,
        met: kb <= JS_GOAL_KB,
        data: { spiral: samples.spiral, list: samples.list }
      },
      {
        bench: "start-up",
        case: "spiral lesson · page load → first cell output · Chromium",
        measured: `${formatMs(ms)}`,
        baseline: `notebook list shown ${formatMs(listMs)}`,
        ratio: ms / listMs,
        goal: `≤ ${formatMs(FIRST_OUTPUT_GOAL_MS)}`,
        met: ms <= FIRST_OUTPUT_GOAL_MS
      }
    );
    const plain = await notebook("library-none.html");
    const added: string[] = [];
    for (const name of Object.keys(LIBRARIES)) {
      const loaded = await notebook(`library-${name}.html`);
      added.push(`${name} +${((loaded.jsTotal - plain.jsTotal) / 1024).toFixed(0)} KB`);
    }
    notes.push(`start-up: JavaScript (gzip) each library adds when a cell first names it: ${added.join(", ")} (a notebook naming none loads ${(plain.jsTotal / 1024).toFixed(0)} KB in all)`);
  } finally {
    await browser.close();
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
  return { rows, notes };
}

/** A notebook per library: a Markdown cell, then one cell that names the library. */
async function writeLibraryNotebooks(root: string): Promise<void> {
  const write = (name: string, cell: { mode: "js" | "ts"; value: string }) =>
    writeFile(join(root, `library-${name}.html`), serializeNotebook(toNotebook({ title: name, cells: [{ id: 1, mode: "md", value: `# ${name}` }, { id: 2, ...cell }] }), nodeDom()));
  await write("none", { mode: "js", value: "1 + 1" });
  for (const [name, value] of Object.entries(LIBRARIES)) await write(name, { mode: name === "TypeScript" ? "ts" : "js", value });
}

async function load(browser: Browser, url: string, ready: (page: Page) => Promise<number>): Promise<PageLoad> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const responses: Promise<{ url: string; gzip: number }>[] = [];
  page.on("response", (response) => {
    if (!/javascript/.test(response.headers()["content-type"] ?? "")) return;
    responses.push(response.body().then((body) => ({ url: response.url(), gzip: gzipSync(body).length }), () => ({ url: response.url(), gzip: 0 })));
  });
  try {
    await page.goto(url);
    const readyMs = await ready(page);
    await settled(page);
    const arrived = new Map(await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => [entry.name, (entry as PerformanceResourceTiming).responseEnd] as [string, number])));
    const sizes = await Promise.all(responses);
    const total = (before: number) => sizes.filter(({ url }) => (arrived.get(url) ?? Infinity) <= before).reduce((sum, { gzip }) => sum + gzip, 0);
    return { readyMs, jsBefore: total(readyMs), jsTotal: total(Infinity) + sizes.filter(({ url }) => !arrived.has(url)).reduce((sum, { gzip }) => sum + gzip, 0) };
  } finally {
    await context.close();
  }
}

/** ms from navigation start to the first cell that fulfilled with visible output. */
async function firstOutput(page: Page): Promise<number> {
  // A notebook this benchmark wrote is not trusted yet: trust it when asked (a shipped one runs
  // without asking). The click gives up when the page closes.
  page
    .getByRole("button", { name: "Trust and run" })
    .click({ timeout: 120_000 })
    .catch(() => undefined);
  const handle = await page.waitForFunction(
    () => {
      const shown = Array.from(document.querySelectorAll("[data-cell-id]")).some((cell) => cell.getAttribute("data-status") === "fulfilled" && cell.querySelector("[data-cell-output]")?.textContent?.trim());
      return shown && performance.now();
    },
    undefined,
    { polling: "raf", timeout: 120_000 }
  );
  return (await handle.jsonValue()) as number;
}

async function listShown(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => document.querySelector("a[href*='notebook=']") && performance.now(), undefined, { polling: "raf", timeout: 120_000 });
  return (await handle.jsonValue()) as number;
}

/** Waits until no cell is pending or running (a list page has none). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => Array.from(document.querySelectorAll("[data-cell-id]")).every((cell) => !["pending", "running", "stale"].includes(cell.getAttribute("data-status") ?? "")), undefined, { polling: 100, timeout: 120_000 });
  await page.waitForTimeout(300);
}
