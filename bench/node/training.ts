// Training: the teaching kit's `train` against `model.fit` (same net, data, batch size, epochs,
// optimizer and learning rate), on each Node backend, medians of interleaved rounds; and in the
// same rounds the summed kernel time tf.profile reports for the same training, a bare minimize
// loop doing the same steps, and the setup before the first step.
import { formatMs, interleaved, median, sum, timed } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import { useBackend, type BenchTensorflow } from "./backends.ts";
import { midNet, parameterCount, tinyNet, type BenchNet } from "../lib/nets.ts";
import { bareLoop, fitToEnd, setupOnly, trainToEnd } from "../lib/trainings.ts";

export interface SuiteResult {
  rows: BenchRow[];
  notes: string[];
}

export async function trainingBench({ tf, ready }: BenchTensorflow, { long = false, rounds = long ? 9 : 5 }: { long?: boolean; rounds?: number } = {}): Promise<SuiteResult> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const backend of ready.filter((name) => name !== "webgpu")) {
    await useBackend(tf, backend);
    for (const net of [tinyNet(long), midNet(long)]) {
      const params = parameterCount(net);
      const template = net.build();
      const label = `${net.name} · ${backend}`;
      await trainToEnd({ ...net, epochs: 1, examples: net.examples.slice(0, 256) }, template); // warm-up: JIT, kernels, allocator
      let profile: Awaited<ReturnType<typeof tf.profile>> | undefined;
      // Fewer rounds for the mid-sized net: on cpu one training takes seconds.
      const samples = await interleaved(params < 10_000 ? rounds : Math.ceil(rounds / 2), {
        train: () => timed(() => trainToEnd(net, template)),
        fit: () => timed(() => fitToEnd(net)),
        bare: () => timed(() => bareLoop(net, template)),
        setup: () => timed(() => setupOnly(net, template)),
        // The same training under tf.profile: its summed kernel time, not its (slower) wall time.
        kernels: async () => {
          profile = await tf.profile(() => trainToEnd(net, template));
          return sum(profile.kernels.map((kernel) => Number(kernel.kernelTimeMs)));
        }
      });
      const [trainMs, fitMs, bareMs, kernelMs, setupMs] = [median(samples.train), median(samples.fit), median(samples.bare), median(samples.kernels), median(samples.setup)];
      const speedup = fitMs / trainMs;
      const small = params < 10_000;
      rows.push({
        bench: "training",
        case: `${label} · train vs fit (${params.toLocaleString("en")} params, ${net.examples.length} ex, ${net.epochs} ep)`,
        measured: `train ${formatMs(trainMs)}`,
        baseline: `fit ${formatMs(fitMs)}`,
        ratio: speedup,
        ratioText: `${speedup.toFixed(2)}× faster`,
        goal: small ? "≥ 1.2× faster" : "(none over 10k params)",
        met: small ? speedup >= 1.2 : undefined,
        data: { backend, net: net.name, params, trainMs: samples.train, fitMs: samples.fit, bareMs: samples.bare }
      });
      const calls = profile!.kernels.length;
      const overhead = trainMs / kernelMs;
      const top = topKernels(profile!.kernels, 5);
      rows.push({
        bench: "training",
        case: `${label} · train wall vs kernel time`,
        measured: `wall ${formatMs(trainMs)}`,
        baseline: `kernels ${formatMs(kernelMs)}`,
        ratio: overhead,
        goal: "≤ 1.2×",
        met: overhead <= 1.2,
        data: { backend, net: net.name, wallMs: trainMs, kernelMs, bareMs, kernelCalls: calls, kernelMsSamples: samples.kernels, top }
      });
      const engineUs = (1000 * (bareMs - kernelMs)) / calls;
      notes.push(
        `training ${label}: train ${formatMs(trainMs)} (${formatMs(setupMs)} of it copying the model and making tensors of the examples), ` +
          `the same steps in a bare minimize loop ${formatMs(bareMs)}, their kernels ${formatMs(kernelMs)} ` +
          `over ${calls} kernel calls (${Math.round(calls / stepsOf(net))} a step${engineUs > 0 ? `; tfjs's engine adds ≈${engineUs.toFixed(1)} µs to each` : ""}). ` +
          `Top kernels: ${top.map((k) => `${k.name} ${formatMs(k.ms)} ×${k.calls}`).join(", ")}`
      );
      template.dispose();
    }
  }
  return { rows, notes };
}

function stepsOf(net: BenchNet): number {
  return Math.ceil(net.examples.length / net.batchSize) * net.epochs;
}

export function topKernels(kernels: { name: string; kernelTimeMs: unknown }[], count: number) {
  const byName = new Map<string, { name: string; ms: number; calls: number }>();
  for (const kernel of kernels) {
    const entry = byName.get(kernel.name) ?? { name: kernel.name, ms: 0, calls: 0 };
    entry.ms += Number(kernel.kernelTimeMs);
    entry.calls++;
    byName.set(kernel.name, entry);
  }
  return [...byName.values()].sort((a, b) => b.ms - a.ms).slice(0, count);
}
