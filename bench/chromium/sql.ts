// One million rows aggregated in the page, query time only: DuckDB (DuckDBClient over a Parquet
// attachment, in duckdb-wasm) against danfojs (a DataFrame of the same rows), the same group-by
// (mean and count of a value per category) timed in interleaved rounds inside one notebook.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toNotebook } from "@observablehq/notebook-kit";
import { chromium } from "playwright-core";
import { serializeNotebook } from "../../src/notebook/format.ts";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { ensureAppBuild } from "../../src/server/app-build.ts";
import { startAppServer } from "../../src/server/app-server.ts";
import { openTrustRecord } from "../../src/server/trust-record.ts";
import { formatMs } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser.ts";

const ROWS = 1_000_000;

const CELLS = (rounds: number) => [
  { id: 1, mode: "js" as const, value: 'const db = await DuckDBClient.of({t: FileAttachment("big.parquet")});' },
  { id: 2, mode: "js" as const, value: 'const rows = await db.query("SELECT category, value FROM t");\nconst df = new dfd.DataFrame({category: rows.map((d) => d.category), value: rows.map((d) => d.value)});' },
  {
    id: 3,
    mode: "js" as const,
    value: `const timings = {duckdb: [], danfo: [], groups: []};
for (let round = 0; round < ${rounds}; round++) {
  let start = performance.now();
  const q = await db.query("SELECT category, avg(value) AS mean, count(*) AS n FROM t GROUP BY category");
  timings.duckdb.push(performance.now() - start);
  start = performance.now();
  const g = df.groupby(["category"]).agg({value: ["mean", "count"]});
  timings.danfo.push(performance.now() - start);
  timings.groups.push([q.length, g.shape[0]]);
}`
  },
  { id: 4, mode: "html" as const, value: "<pre>${JSON.stringify(timings)}</pre>" }
];

export async function sqlBench({ long = false } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const root = await mkdtemp(join(tmpdir(), "exemplar-bench-sql-"));
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT i % 100 AS category, ((i * 7919) % 10000) / 100.0 AS value FROM range(${ROWS}) t(i)) TO '${join(root, "big.parquet")}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
  const rounds = long ? 15 : 7;
  await writeFile(join(root, "sql-bench.html"), serializeNotebook(toNotebook({ title: "SQL bench", cells: CELLS(rounds) }), nodeDom()));
  const state = await mkdtemp(join(tmpdir(), "exemplar-bench-trust-"));
  const server = await startAppServer({ root, port: 0, build: await ensureAppBuild(), trust: openTrustRecord(join(state, "trusted-notebooks.json")) });
  const url = `http://127.0.0.1:${server.port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}?notebook=sql-bench.html`);
    await page.locator("[data-cell-id]").first().waitFor();
    if (await page.locator('[data-banner="trust"]').count()) await page.getByRole("button", { name: "Trust and run" }).click();
    await page.waitForFunction(() => document.querySelector('[data-cell-id="4"]')?.getAttribute("data-status") === "fulfilled", undefined, { timeout: 600_000, polling: 500 });
    const { duckdb, danfo, groups } = JSON.parse((await page.locator('[data-cell-id="4"] pre').textContent()) ?? "") as { duckdb: number[]; danfo: number[]; groups: number[][] };
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const duck = med(duckdb.slice(1));
    const dan = med(danfo.slice(1));
    return {
      rows: [
        {
          bench: "sql",
          case: `1,000,000 rows, 100 groups · mean and count per group · Chromium · query time only (${rounds - 1} rounds after a warm-up)`,
          measured: `DuckDB (Parquet attachment) ${formatMs(duck)}`,
          baseline: `danfojs groupby ${formatMs(dan)}`,
          ratio: dan / duck,
          goal: "(measured)",
          met: undefined,
          data: { duckdb, danfo, groups }
        }
      ],
      notes: [`sql: both found ${groups[0]?.join(" and ")} groups`]
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(root, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
}
