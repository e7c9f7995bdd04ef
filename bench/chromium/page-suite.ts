// Chromium benchmarks of the notebook in a page: reaction (redefine one cell → first dependent
// starts, our browser kernel against the bare runtime) and responsiveness while training (the
// teaching kit's train against model.fit: tasks over 50 ms and the longest frame).
import { formatMs, interleaved, median, p95 } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import { chromiumAvailable, CHROMIUM, launchChromium } from "./browser.ts";
import { openBenchPage } from "./harness.ts";
import type { Responsiveness } from "./page/responsiveness.ts";
import { serveBenchPage } from "./server.ts";

const FRAME_GOAL_MS = 17;
const LONG_TASK_MS = 50;

export async function pageBench({ long = false } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  if (!chromiumAvailable()) return { rows: [], notes: [`page: ${CHROMIUM} not found, so the page benchmarks did not run`] };
  const server = await serveBenchPage();
  const browser = await launchChromium();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    const page = await openBenchPage(browser.context, `${server.url}?isolated`);
    await page.call("start", ["wasm"]);
    const edits = long ? 400 : 100;
    const samples = await page.call<{ ours: number[]; bare: number[] }>("reaction", edits);
    rows.push({
      bench: "reaction",
      case: `100 cells, redefine one → first dependent starts (${edits} edits) · Chromium, browser kernel`,
      measured: `ours p50 ${formatMs(median(samples.ours))} · p95 ${formatMs(p95(samples.ours))}`,
      baseline: `bare runtime p50 ${formatMs(median(samples.bare))} · p95 ${formatMs(p95(samples.bare))}`,
      ratio: p95(samples.ours) / p95(samples.bare),
      ratioText: `p95 ${(p95(samples.ours) / p95(samples.bare)).toFixed(2)}×`,
      goal: `≤ ${FRAME_GOAL_MS} ms p95`,
      met: p95(samples.ours) <= FRAME_GOAL_MS,
      data: samples
    });

    const rounds = long ? 5 : 3;
    const runs = { train: [] as Responsiveness[], fit: [] as Responsiveness[] };
    await interleaved(rounds, {
      train: async () => (runs.train.push(await page.call<Responsiveness>("responsiveness", "train", "wasm")), 0),
      fit: async () => (runs.fit.push(await page.call<Responsiveness>("responsiveness", "fit", "wasm")), 0)
    });
    const longest = (list: Responsiveness[]) => Math.max(0, ...list.flatMap((run) => run.longTasks));
    const frames = (list: Responsiveness[]) => median(list.map((run) => run.longestFrameMs));
    const count = (list: Responsiveness[]) => list.reduce((sum, run) => sum + run.longTasks.length, 0);
    rows.push({
      bench: "responsiveness",
      case: `spiral 2-32-32-2 (1,218 params) · Chromium wasm · longest main-thread task while training 10 epochs (${rounds} runs)`,
      measured: `train: ${count(runs.train)} tasks over ${LONG_TASK_MS} ms${count(runs.train) ? `, longest ${formatMs(longest(runs.train))}` : ""}; longest frame ${formatMs(frames(runs.train))}`,
      baseline: `fit: ${count(runs.fit)} tasks over ${LONG_TASK_MS} ms${count(runs.fit) ? `, longest ${formatMs(longest(runs.fit))}` : ""}; longest frame ${formatMs(frames(runs.fit))}`,
      ratio: frames(runs.train) / frames(runs.fit),
      ratioText: `frame ${(frames(runs.train) / frames(runs.fit)).toFixed(2)}×`,
      goal: `no task over ${LONG_TASK_MS} ms`,
      met: count(runs.train) === 0,
      data: runs
    });
    notes.push(`responsiveness: training took train ${formatMs(median(runs.train.map((run) => run.ms)))}, fit ${formatMs(median(runs.fit.map((run) => run.ms)))} (median); longest frame is the longest gap between animation frames during the training`);
  } finally {
    await browser.close();
    await server.close();
  }
  return { rows, notes };
}
