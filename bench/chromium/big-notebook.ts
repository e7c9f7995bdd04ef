// Big notebooks in the real app: a notebook of N small JavaScript cells (`const xN = N`) opened in
// Chromium, timed from navigation until every cell is fulfilled and shows its value. The baseline
// is the same page with 100 cells, so the ratio reads how the cost grows: linear is ≤ 12× for 1000.
// Each page gets a fresh browser context; the files are trusted beforehand (in the server's trust
// record, by their hash), so the time is opening and settling, not a click.
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { toNotebook } from "@observablehq/notebook-kit";
import { serializeNotebook } from "../../src/notebook/format.ts";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { ensureAppBuild } from "../../src/server/app-build.ts";
import { startAppServer } from "../../src/server/app-server.ts";
import { openTrustRecord } from "../../src/server/trust-record.ts";
import { formatMs, median } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser.ts";

const BASELINE_CELLS = 100;
const CELLS = 1000;
const GOAL_MS = 3000;
const GOAL_RATIO = 12;

export async function bigNotebookBench({ long = false, sizes = [BASELINE_CELLS, CELLS] } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const root = await mkdtemp(join(tmpdir(), "exemplar-bench-big-"));
  const versions = new Map<number, string>();
  for (const size of sizes) versions.set(size, await writeCellsNotebook(root, size));
  const state = await mkdtemp(join(tmpdir(), "exemplar-bench-trust-"));
  const trust = openTrustRecord(join(state, "trusted-notebooks.json"));
  for (const size of sizes) await trust.record(versions.get(size)!, `cells-${size}.html`);
  const server = await startAppServer({ root, port: 0, build: await ensureAppBuild(), trust });
  const url = `http://127.0.0.1:${server.port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const notes: string[] = [];
  try {
    const open = (size: number) => openSettled(browser, `${url}?notebook=cells-${size}.html`, size);
    await open(sizes[0]); // the first page of a browser loads its caches
    const rounds = long ? 5 : 3;
    const samples = new Map<number, number[]>(sizes.map((size) => [size, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...sizes].reverse() : sizes;
      for (const size of order) samples.get(size)!.push(await open(size));
    }
    const ms = (size: number) => median(samples.get(size)!);
    notes.push(`big notebook: median of ${rounds} opens, navigation → every cell fulfilled and shown: ${sizes.map((size) => `${size} cells ${formatMs(ms(size))}`).join(", ")}`);
    const rows: BenchRow[] = [];
    for (const size of sizes.filter((size) => size !== BASELINE_CELLS && samples.has(BASELINE_CELLS))) {
      const ratio = ms(size) / ms(BASELINE_CELLS);
      rows.push({
        bench: "big notebook",
        case: `${size} cells \`const xN = N\` · open → every cell fulfilled and shown · Chromium`,
        measured: formatMs(ms(size)),
        baseline: `${BASELINE_CELLS} cells ${formatMs(ms(BASELINE_CELLS))}`,
        ratio,
        goal: `≤ ${formatMs(GOAL_MS)}, ≤ ${size / BASELINE_CELLS + 2}× (linear)`,
        met: ms(size) <= GOAL_MS && ratio <= GOAL_RATIO * (size / CELLS),
        data: Object.fromEntries(samples)
      });
    }
    return { rows, notes };
  } finally {
    await browser.close();
    await server.close();
    await rm(root, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
}

/** Writes cells-N.html (cell i: `const xi = i`); returns its version (the file API's SHA-256). */
async function writeCellsNotebook(root: string, size: number): Promise<string> {
  const cells = Array.from({ length: size }, (_, index) => ({ id: index + 1, mode: "js" as const, value: `const x${index + 1} = ${index + 1};` }));
  const text = serializeNotebook(toNotebook({ title: `${size} cells`, cells }), nodeDom());
  await writeFile(join(root, `cells-${size}.html`), text);
  return createHash("sha256").update(text).digest("hex");
}

/** ms from navigation until every one of `size` cells is fulfilled and shows its value. */
export async function openSettled(browser: Browser, url: string, size: number, page?: (page: Page) => Promise<void>): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    await page?.(tab);
    await tab.goto(url);
    const handle = await tab.waitForFunction(
      (count) => {
        const cells = document.querySelectorAll("[data-cell-id]");
        if (cells.length !== count) return false;
        for (const cell of Array.from(cells)) if (cell.getAttribute("data-status") !== "fulfilled" || !cell.querySelector("[data-cell-output]")?.textContent) return false;
        return performance.now();
      },
      size,
      { polling: 50, timeout: 600_000 }
    );
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}
