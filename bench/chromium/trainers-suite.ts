// Where and on what the page trains, in Chromium: the chooser's pick of trainer (the page or its
// Web Worker) and backend for the spiral net and the digits CNN, against full trainings on every
// pair; the longest main-thread task and frame gap while each trains on 10,000 examples where the
// chooser puts it; and the page's memory meanwhile (peak JavaScript heap, tfjs's bytes in the page
// and in the worker).
import { formatMs, interleaved, median } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import type { BackendChoice } from "../../src/teach/backend-choice.ts";
import { chromiumAvailable, CHROMIUM, launchChromium } from "./browser.ts";
import { openBenchPage } from "./harness.ts";
import type { WatchedTraining } from "./page/trainers.ts";
import { serveBenchPage } from "./server.ts";

const LONG_TASK_MS = 50;
const MB = 1 << 20;

interface Case {
  net: "spiral" | "cnn";
  title: string;
  count: number;
  epochs: number;
  /** the trainer/backend pairs trained in full */
  pairs: [trainer: "page" | "worker", backend: string][];
}

export async function trainersBench({ long = false } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  if (!chromiumAvailable()) return { rows: [], notes: [`trainers: ${CHROMIUM} not found, so the trainer benchmarks did not run`] };
  const server = await serveBenchPage();
  const browser = await launchChromium();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const cases: Case[] = [
    { net: "spiral", title: "spiral 2-32-32-2", count: 2000, epochs: 3, pairs: [["page", "wasm"], ["page", "cpu"], ["worker", "wasm"], ["worker", "cpu"], ["worker", "webgl"]] },
    // cpu is left out here: the chooser times it at 15–25× wasm's step, and a full training takes 20 s.
    { net: "cnn", title: "digits CNN 28×28 (8, 16 filters)", count: 1000, epochs: 2, pairs: [["page", "wasm"], ["worker", "wasm"], ["worker", "webgl"]] }
  ];
  try {
    const page = await openBenchPage(browser.context, `${server.url}?isolated`);
    await page.call("start", ["wasm", "webgl", "cpu"]);
    for (const { net, title, count, epochs, pairs } of cases) {
      // The first choice times the page; a page with a GPU times the other backends in the worker
      // meanwhile, and the same training asked again gets the choice made with everything timed.
      const first = await page.call<BackendChoice>("chooseTrainer", net, count, epochs);
      const choice = await page.call<BackendChoice>("chooseTrainer", net, count, epochs);
      if (first.summary !== choice.summary) notes.push(`trainers: ${title}, first training: ${first.summary}`);
      const name = ([trainer, backend]: [string, string]) => `${backend} in the ${trainer}`;
      const contender = (pair: [trainer: "page" | "worker", backend: string]) => [name(pair), () => page.call<number>("trainWith", net, count, epochs, ...pair)] as const;
      // SwiftShader's GPU work goes on in the background after a training and slows whatever comes
      // next: the CPU pairs take interleaved rounds first, the GPU ones a round of their own after.
      const onGpu = ([, backend]: [string, string]) => backend === "webgl" || backend === "webgpu";
      const trainings: Record<string, number[]> = await interleaved(long ? 7 : 5, Object.fromEntries(pairs.filter((pair) => !onGpu(pair)).map(contender)));
      for (const pair of pairs.filter(onGpu)) trainings[name(pair)] = [await contender(pair)[1]()];
      const medians = Object.fromEntries(Object.entries(trainings).map(([key, samples]) => [key, median(samples)]));
      const fastest = Object.keys(medians).reduce((best, key) => (medians[key] < medians[best] ? key : best));
      const chosen = name([choice.trainer ?? "page", choice.backend]);
      const ratio = medians[chosen] / medians[fastest];
      rows.push({
        bench: "trainer choice",
        case: `${title} · ${count} ex · Chromium: ${choice.summary}`,
        measured: `${chosen} trains ${epochs} ep in ${formatMs(medians[chosen])}`,
        baseline: `fastest: ${Object.entries(medians).map(([key, ms]) => `${key} ${formatMs(ms)}`).join(", ")}`,
        ratio,
        goal: "≤ 1.1× fastest",
        met: ratio <= 1.1,
        data: { choice, trainings, fastest }
      });
    }

    for (const [net, title, epochs] of [["spiral", "spiral 2-32-32-2", 2], ["cnn", "digits CNN 28×28", 1]] as const) {
      const watched = await page.call<WatchedTraining>("watchTraining", net, 10_000, epochs);
      const over = watched.longTasks.length;
      rows.push({
        bench: "responsiveness",
        case: `${title} · 10,000 examples, ${epochs} ep on the chosen trainer (${watched.choice}) · longest main-thread task while training`,
        measured: `${over} tasks over ${LONG_TASK_MS} ms${over ? `, longest ${formatMs(Math.max(...watched.longTasks))}` : ""}; longest frame ${formatMs(watched.longestFrameMs)}`,
        baseline: `training took ${formatMs(watched.ms)}`,
        goal: `no task over ${LONG_TASK_MS} ms`,
        met: over === 0,
        data: { ...watched }
      });
      const inputsMb = (10_000 * (net === "cnn" ? 784 : 2) * 4) / MB;
      rows.push({
        bench: "memory",
        case: `${title} · 10,000 examples on the chosen trainer (${watched.choice}) · the page while training`,
        measured: `peak heap ${(watched.peakHeapBytes / MB).toFixed(1)} MB (${(watched.heapBeforeBytes / MB).toFixed(1)} MB before); tfjs ${(watched.peakPageTensorBytes / MB).toFixed(1)} MB in the page, ${(watched.peakWorkerTensorBytes / MB).toFixed(1)} MB in the worker`,
        baseline: `the examples' inputs: ${inputsMb.toFixed(1)} MB`,
        goal: "(measured)",
        data: { ...watched }
      });
      notes.push(`trainers: ${title} at 10,000 examples: ${watched.summary}`);
      if (net === "cnn") notes.push(`trainers: 10,000 drawings rasterised into 28×28 images in ${formatMs(watched.examplesMs)} (yielding to the page between chunks)`);
    }
    notes.push("trainers: peak heap is the page's JavaScript heap (performance.memory, sampled every frame); typed arrays' buffers (the examples' inputs) live outside it, so the examples' size is given beside it");
  } finally {
    await browser.close();
    await server.close();
  }
  return { rows, notes };
}
