// How long the shipped lessons keep the event loop busy in one go: each lesson runs on the Node
// kernel (no training cache) while a ping on every turn of the event loop records the gaps between
// turns. The longest gap is the longest synchronous stretch of the run (it may hold several cells:
// a training's new value re-runs the cells below it in one go). Within a stretch, the time up to
// each cell event is that cell's (the runtime reports a cell when its code has run), which gives the
// longest stretch of one cell: what the loop budget of the page (src/runtime/loop-guard.ts) must
// stay well clear of. Each lesson runs twice in this process and the second run counts: the first
// also loads tfjs and its wasm binary.
import { join } from "node:path";
import { createNodeKernel } from "../../kernels/node/kernel.ts";
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import { DEFAULT_LOOP_BUDGET_MS } from "../../src/runtime/loop-guard.ts";
import { formatMs } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";

const LESSONS = ["spiral.html", "penguins.html", "fuel-economy.html", "rule-vs-model.html", "shapes.html"];

interface Stretch {
  ms: number;
  /** cells whose status changed in that stretch */
  cells: number[];
}

interface Stretches {
  /** the longest gap between turns of the event loop */
  task: Stretch;
  /** the longest share of one cell in a gap */
  cell: { ms: number; id: number };
}

/** Runs the lesson to the end and returns its longest stretches without a turn of the event loop. */
async function longestStretch(file: string): Promise<Stretches> {
  const { notebook } = await readNotebookFile(file);
  const kernel = createNodeKernel({ file, cache: false });
  let longest: Stretch = { ms: 0, cells: [] };
  let cell = { ms: 0, id: 0 };
  let events: { at: number; id: number }[] = [];
  let last = performance.now();
  let running = true;
  const ping = () => {
    const now = performance.now();
    if (now - last > longest.ms) longest = { ms: now - last, cells: [...new Set(events.map((event) => event.id))] };
    let since = last;
    for (const event of events) {
      if (event.at - since > cell.ms) cell = { ms: event.at - since, id: event.id };
      since = event.at;
    }
    events = [];
    last = now;
    if (running) setImmediate(ping);
  };
  const unsubscribe = kernel.runtime.subscribe((report) => events.push({ at: performance.now(), id: report.id }));
  try {
    setImmediate(ping);
    kernel.load(notebook.cells);
    await kernel.runtime.settled();
    const failed = kernel.runtime.reports().filter((report) => report.status === "rejected" && report.error?.kind !== "needs-browser");
    if (failed.length) throw new Error(`${file}: cell ${failed[0].id} failed: ${failed[0].error?.message}`);
    return { task: longest, cell };
  } finally {
    running = false;
    unsubscribe();
    kernel.dispose();
  }
}

export async function lessonStretchesBench(): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const found: { lesson: string; stretches: Stretches }[] = [];
  for (const lesson of LESSONS) {
    const file = join(process.cwd(), "notebooks", lesson);
    await longestStretch(file);
    found.push({ lesson, stretches: await longestStretch(file) });
  }
  const name = (lesson: string) => lesson.replace(".html", "");
  const task = found.reduce((a, b) => (b.stretches.task.ms > a.stretches.task.ms ? b : a));
  const cell = found.reduce((a, b) => (b.stretches.cell.ms > a.stretches.cell.ms ? b : a));
  const share = (ms: number) => `${((ms / DEFAULT_LOOP_BUDGET_MS) * 100).toFixed(1)}% of it`;
  return {
    rows: [
      {
        bench: "lesson stretches",
        case: "the shipped lessons headless: longest stretch of one cell without a turn of the event loop",
        measured: `${formatMs(cell.stretches.cell.ms)} (${name(cell.lesson)}, cell ${cell.stretches.cell.id})`,
        baseline: `loop budget ${formatMs(DEFAULT_LOOP_BUDGET_MS)}`,
        ratio: cell.stretches.cell.ms / DEFAULT_LOOP_BUDGET_MS,
        ratioText: share(cell.stretches.cell.ms),
        goal: "(measured)",
        data: Object.fromEntries(found.map(({ lesson, stretches }) => [lesson, stretches]))
      },
      {
        bench: "lesson stretches",
        case: "the shipped lessons headless: longest task (a training's value re-runs the cells below it in one)",
        measured: `${formatMs(task.stretches.task.ms)} (${name(task.lesson)}, cells ${task.stretches.task.cells.join(", ")})`,
        baseline: `loop budget ${formatMs(DEFAULT_LOOP_BUDGET_MS)}`,
        ratio: task.stretches.task.ms / DEFAULT_LOOP_BUDGET_MS,
        ratioText: share(task.stretches.task.ms),
        goal: "(measured)"
      }
    ],
    notes: [`lesson stretches, per lesson (one cell; whole task): ${found.map(({ lesson, stretches }) => `${name(lesson)} ${formatMs(stretches.cell.ms)} cell ${stretches.cell.id}; ${formatMs(stretches.task.ms)}`).join(" · ")}`]
  };
}
