// The Chromium benchmarks, on a page this harness serves itself: wasm with threads (the page
// cross-origin isolated) against wasm without; train against model.fit on wasm and webgl
// (SwiftShader here); and the backend chooser in a page, checked against full trainings.
import { formatMs, interleaved, median } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import type { BackendChoice } from "../../src/teach/backend-choice.ts";
import { chromiumAvailable, CHROMIUM, launchChromium } from "./browser.ts";
import { openBenchPage, type BenchPage } from "./harness.ts";
import type { PageSetup } from "./page/bench-page.ts";
import { serveBenchPage } from "./server.ts";

type How = "train" | "fit";
const time = (page: BenchPage, net: string, backend: string, how: How, epochs?: number) => () => page.call<number>("time", net, backend, how, epochs);

export async function chromiumBench({ long = false } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  if (!chromiumAvailable()) return { rows: [], notes: [`chromium: ${CHROMIUM} not found, so the Chromium benchmarks did not run`] };
  const rounds = long ? 5 : 3;
  const server = await serveBenchPage();
  const browser = await launchChromium();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    const isolated = await openBenchPage(browser.context, `${server.url}?isolated`);
    const plain = await openBenchPage(browser.context, server.url);
    const setup = await isolated.call<PageSetup>("start", ["wasm", "webgl", "cpu"]);
    const plainSetup = await plain.call<PageSetup>("start", ["wasm"]);
    notes.push(
      `chromium: backends ${setup.ready.join(", ")}; wasm on ${setup.wasmThreads} thread(s) cross-origin isolated (tfjs starts half the logical cores, 1 to 4, and setThreadsCount cannot go beyond its worker pool; this machine has ${await plain.page.evaluate(() => navigator.hardwareConcurrency)}), ${plainSetup.wasmThreads} without`
    );

    for (const net of ["tiny", "mid"]) {
      const samples = await interleaved(rounds, { threads: time(isolated, net, "wasm", "train"), single: time(plain, net, "wasm", "train") });
      const ratio = median(samples.single) / median(samples.threads);
      rows.push({
        bench: "wasm threads",
        case: `${net === "tiny" ? "spiral 2-32-32-2" : "synthetic 784-128-10"} · Chromium · COOP/COEP (threaded build, ${setup.wasmThreads} thread) vs none`,
        measured: `isolated ${formatMs(median(samples.threads))}`,
        baseline: `not isolated ${formatMs(median(samples.single))}`,
        ratio,
        ratioText: `${ratio.toFixed(2)}× faster`,
        goal: "(measured)",
        data: { net, ...samples, threads: setup.wasmThreads }
      });
    }

    for (const [backend, epochs] of [["wasm", undefined], ["webgl", 1]] as const) {
      const samples = await interleaved(rounds, { train: time(isolated, "tiny", backend, "train", epochs), fit: time(isolated, "tiny", backend, "fit", epochs) });
      const speedup = median(samples.fit) / median(samples.train);
      rows.push({
        bench: "training",
        case: `spiral 2-32-32-2 · Chromium ${backend} · train vs fit (${epochs ?? 3} ep)`,
        measured: `train ${formatMs(median(samples.train))}`,
        baseline: `fit ${formatMs(median(samples.fit))}`,
        ratio: speedup,
        ratioText: `${speedup.toFixed(2)}× faster`,
        goal: "≥ 1.2× faster",
        met: speedup >= 1.2,
        data: { backend, ...samples }
      });
    }

    for (const net of ["tiny", "mid"]) {
      const choice = await isolated.call<BackendChoice>("choose", net);
      const contenders = Object.fromEntries(setup.ready.map((backend) => [backend, time(isolated, net, backend, "train", 1)]));
      const trainings = await interleaved(long ? 5 : 3, contenders);
      const medians = Object.fromEntries(setup.ready.map((backend) => [backend, median(trainings[backend])]));
      const fastest = setup.ready.reduce((best, backend) => (medians[backend] < medians[best] ? backend : best));
      const ratio = medians[choice.backend] / medians[fastest];
      rows.push({
        bench: "backend choice",
        case: `${net === "tiny" ? "spiral 2-32-32-2" : "synthetic 784-128-10"} · Chromium: ${choice.summary} (measuring took ${formatMs(choice.measureMs)})`,
        measured: `${choice.backend} trains 1 ep in ${formatMs(medians[choice.backend])}`,
        baseline: `fastest: ${setup.ready.map((backend) => `${backend} ${formatMs(medians[backend])}`).join(", ")}`,
        ratio,
        goal: "≤ 1.1× fastest",
        met: ratio <= 1.1,
        data: { net, choice, trainings, fastest }
      });
    }
    const left = await isolated.call<number>("tensors");
    if (left !== 0) notes.push(`chromium: ${left} tensors left in the page after the benchmarks`);
  } finally {
    await browser.close();
    await server.close();
  }
  return { rows, notes };
}
