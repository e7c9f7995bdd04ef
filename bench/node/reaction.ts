// Reaction: a 100-cell notebook (each cell i > 1 reads cell ⌊i/2⌋), the root redefined again and
// again; timed from the edit to the moment the first dependent cell's body starts. Our runtime
// (through the Node kernel, compiling the edited cell's source) against the bare
// @observablehq/runtime given the same graph as plain functions, interleaved edit by edit.
import { join } from "node:path";
import { toCell } from "@observablehq/notebook-kit";
import { createNodeKernel } from "../../kernels/node/kernel.ts";
import { compileCell } from "../../src/runtime/compile.ts";
import { formatMs, median, p95 } from "../lib/stats.ts";
import type { BenchRow } from "../lib/table.ts";
import { bareRuntime, CELLS, kernelContender, type Contender } from "../lib/reaction-graph.ts";

const later = (callback: () => void) => setImmediate(callback);

function ourRuntime(): Promise<Contender> {
  return kernelContender(createNodeKernel({ file: join(process.cwd(), "bench", "reaction.html") }), later);
}

export async function reactionBench({ long = false } = {}): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const edits = long ? 1000 : 200;
  const ours = await ourRuntime();
  const bare = await bareRuntime(later);
  const samples = { ours: [] as number[], bare: [] as number[] };
  for (let i = 0; i < 20; i++) await Promise.all([ours.edit(), Promise.resolve()]).then(() => bare.edit()); // warm-up
  for (let i = 0; i < edits; i++) {
    const [first, second] = i % 2 ? ([ "bare", "ours" ] as const) : ([ "ours", "bare" ] as const);
    samples[first].push(await (first === "ours" ? ours : bare).edit());
    samples[second].push(await (second === "ours" ? ours : bare).edit());
  }
  ours.dispose();
  bare.dispose();
  const compileMs = timeCompile(edits);
  const p50Ratio = median(samples.ours) / median(samples.bare);
  const p95Ratio = p95(samples.ours) / p95(samples.bare);
  return {
    rows: [
      {
        bench: "reaction",
        case: `${CELLS} cells, redefine one → first dependent starts (${edits} edits) · Node`,
        measured: `ours p50 ${formatMs(median(samples.ours))} · p95 ${formatMs(p95(samples.ours))}`,
        baseline: `bare runtime p50 ${formatMs(median(samples.bare))} · p95 ${formatMs(p95(samples.bare))}`,
        ratio: Math.max(p50Ratio, p95Ratio),
        ratioText: `p50 ${p50Ratio.toFixed(2)}× · p95 ${p95Ratio.toFixed(2)}×`,
        goal: "≤ 2× bare",
        met: p50Ratio <= 2 && p95Ratio <= 2,
        data: { ours: samples.ours, bare: samples.bare, compileMs }
      }
    ],
    notes: [`reaction: compiling the edited cell (Kit's transpile + import routing) takes ${formatMs(compileMs)} of ours (median); the bare runtime is given a function, so it compiles nothing`]
  };
}

function timeCompile(times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const cell = toCell({ id: 1, value: `const x1 = ${i};`, mode: "js" });
    const started = performance.now();
    compileCell(cell);
    samples.push(performance.now() - started);
  }
  return median(samples);
}
