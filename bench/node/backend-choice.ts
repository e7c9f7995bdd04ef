// Backend choice: for each net, the choice the kernel's chooser makes (timing a few real steps on
// every backend), checked against what it is for: full trainings on every backend, interleaved;
// the chosen backend's training time over the fastest one's.
import type * as tfType from "@tensorflow/tfjs";
import { createBackendChooser } from "../../src/teach/choose-backend.ts";
import { formatMs, interleaved, median, timed } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import { useBackend, type BenchTensorflow } from "./backends.ts";
import { midNet, tinyNet, type BenchNet } from "../lib/nets.ts";
import { trainToEnd } from "../lib/trainings.ts";

export async function backendChoiceBench({ tf, ready }: BenchTensorflow, { long = false } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const rows: BenchRow[] = [];
  for (const net of [tinyNet(long), midNet(long)]) {
    // A fresh chooser, so nothing is cached; the template lives where a notebook's would (the first backend).
    await useBackend(tf, ready[0]);
    const template = net.build();
    const chooser = createBackendChooser({ candidates: () => ready });
    const choice = await chooser({ model: template, examples: net.examples, batchSize: net.batchSize, learningRate: net.learningRate });
    template.dispose();
    const trainings = await interleaved(
      long ? 5 : 3,
      Object.fromEntries(ready.map((backend) => [backend, () => trainOn(tf, backend, net)])) as Record<string, () => Promise<number>>
    );
    const medians = Object.fromEntries(ready.map((backend) => [backend, median(trainings[backend])]));
    const fastest = ready.reduce((best, backend) => (medians[backend] < medians[best] ? backend : best));
    const ratio = medians[choice.backend] / medians[fastest];
    rows.push({
      bench: "backend choice",
      case: `${net.name}: ${choice.summary} (measuring took ${formatMs(choice.measureMs)})`,
      measured: `${choice.backend} trains ${net.epochs} ep in ${formatMs(medians[choice.backend])}`,
      baseline: `fastest: ${ready.map((backend) => `${backend} ${formatMs(medians[backend])}`).join(", ")}`,
      ratio,
      goal: "≤ 1.1× fastest",
      met: ratio <= 1.1,
      data: { net: net.name, choice, trainingMs: trainings, fastest }
    });
  }
  return { rows, notes: [] };
}

async function trainOn(tf: typeof tfType, backend: string, net: BenchNet): Promise<number> {
  await useBackend(tf, backend);
  const template = net.build();
  try {
    return await timed(() => trainToEnd(net, template));
  } finally {
    template.dispose();
  }
}
