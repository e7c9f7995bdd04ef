// How long the shipped lessons hold the page's main thread in one go, in Chromium: each lesson is
// opened in a fresh browser context (no training cache), trusted, and run to the end while Chromium's own
// long-task records (PerformanceObserver "longtask": every task of 50 ms or more) are collected.
// The longest task bounds every synchronous stretch of a cell's code, since cell code runs on the
// main thread inside tasks (it also counts the page's own work in the same task: rendering a chart,
// a table): what the page's loop budget (src/app/settings.ts) must stay well clear of.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cp } from "node:fs/promises";
import { chromium, type Browser } from "playwright-core";
import { ensureAppBuild } from "../../src/server/app-build.ts";
import { startAppServer } from "../../src/server/app-server.ts";
import { openTrustRecord } from "../../src/server/trust-record.ts";
import { PAGE_LOOP_BUDGET_SECONDS } from "../../src/app/settings.ts";
import { formatMs } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser.ts";

const LESSONS = ["spiral.html", "penguins.html", "fuel-economy.html", "rule-vs-model.html", "shapes.html"];
/** Every cell settled (fulfilled or failed) for this long: the lesson has run to the end. */
const QUIET_MS = 1500;

interface LessonTasks {
  /** the longest task, ms */
  longest: number;
  /** how many tasks took 50 ms or more */
  count: number;
  /** open → every cell settled, ms */
  settledMs: number;
}

export async function pageStretchesBench({ long = false } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const root = await mkdtemp(join(tmpdir(), "exemplar-bench-stretches-"));
  const state = await mkdtemp(join(tmpdir(), "exemplar-bench-stretches-state-"));
  await cp(new URL("../../notebooks", import.meta.url), root, { recursive: true });
  const server = await startAppServer({ root, port: 0, build: await ensureAppBuild(), trust: openTrustRecord(join(state, "trusted-notebooks.json")) });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const budgetMs = PAGE_LOOP_BUDGET_SECONDS * 1000;
  try {
    const url = (lesson: string) => `http://127.0.0.1:${server.port}/?notebook=${encodeURIComponent(lesson)}`;
    await openLesson(browser, url(LESSONS[0])); // the browser's first page loads its caches
    const rounds = long ? 3 : 1;
    const found: Record<string, LessonTasks[]> = Object.fromEntries(LESSONS.map((lesson) => [lesson, []]));
    for (let round = 0; round < rounds; round++) for (const lesson of LESSONS) found[lesson].push(await openLesson(browser, url(lesson)));
    const worst = (lesson: string) => Math.max(...found[lesson].map((tasks) => tasks.longest));
    const longest = LESSONS.reduce((a, b) => (worst(b) > worst(a) ? b : a));
    const name = (lesson: string) => lesson.replace(".html", "");
    return {
      rows: [
        {
          bench: "lesson stretches",
          case: "the shipped lessons in Chromium (no training cache): longest main-thread task from open to every cell settled",
          measured: `${formatMs(worst(longest))} (${name(longest)})`,
          baseline: `page loop budget ${formatMs(budgetMs)}`,
          ratio: worst(longest) / budgetMs,
          ratioText: `${((worst(longest) / budgetMs) * 100).toFixed(1)}% of it`,
          goal: "≤ 25% of the budget",
          met: worst(longest) <= budgetMs / 4,
          data: found
        }
      ],
      notes: [
        `lesson stretches in Chromium, per lesson (longest task; tasks of 50 ms or more; open → settled): ${LESSONS.map((lesson) => {
          const tasks = found[lesson];
          return `${name(lesson)} ${formatMs(worst(lesson))}; ${Math.max(...tasks.map((t) => t.count))}; ${formatMs(Math.max(...tasks.map((t) => t.settledMs)))}`;
        }).join(" · ")}`
      ]
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(root, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
}

/** Opens a lesson in a fresh context and runs it to the end, recording Chromium's long tasks. */
async function openLesson(browser: Browser, url: string): Promise<LessonTasks> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    await page.goto(url);
    // A copy of the lessons outside the repository asks first, as any file does.
    await page.locator("[data-cell-id]").first().waitFor();
    const started = Date.now();
    if (await page.locator('[data-banner="trust"]').count()) await page.getByRole("button", { name: "Trust and run" }).click();
    await page.waitForFunction(
      (quietMs) => {
        const cells = Array.from(document.querySelectorAll("[data-cell-id]"));
        const settled = cells.length > 0 && cells.every((cell) => ["fulfilled", "rejected"].includes(cell.getAttribute("data-status") ?? ""));
        const state = window as unknown as { settledSince?: number };
        if (!settled) return void (state.settledSince = undefined);
        state.settledSince ??= performance.now();
        return performance.now() - state.settledSince >= quietMs;
      },
      QUIET_MS,
      { polling: 100, timeout: 600_000 }
    );
    const settledMs = Date.now() - started - QUIET_MS;
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    return { longest: Math.max(0, ...tasks), count: tasks.length, settledMs };
  } finally {
    await context.close();
  }
}
