// The loop guard's cost: cells run on the Node kernel with the guard (a budget far out of reach)
// and without it (budget Infinity); prints the median ratio of CPU time per kind of loop. CPU time
// of this process, not wall time, so other processes on a shared machine count for little.
// Each run gets a fresh copy of the cell's source, so every run is a first run, as in a notebook.
import { toCell } from "@observablehq/notebook-kit";
import { createNodeKernel } from "../../kernels/node/kernel.ts";
import type { BenchRow } from "../lib/table.ts";

const CELLS: Record<string, string> = {
  "tight loop (1e8 additions)": "let sum = 0;\nfor (let i = 0; i < 1e8; i++) sum += i;",
  "nested loops (3000 × 3000, array reads)": [
    "const row = Array.from({length: 3000}, (_, i) => i % 7);",
    "let total = 0;",
    "for (let i = 0; i < 3000; i++) for (let j = 0; j < 3000; j++) total += row[j] * i;"
  ].join("\n"),
  "recursion (fib 30)": "const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));\nconst value = fib(30);",
  "callbacks (map and reduce over 1e6, × 10)": [
    "const xs = Array.from({length: 1e6}, (_, i) => i);",
    "let result = 0;",
    "for (let k = 0; k < 10; k++) result += xs.map((x) => x * 2).reduce((a, b) => a + b, 0);"
  ].join("\n")
};

async function runOnce(source: string, loopBudgetMs: number): Promise<number> {
  const kernel = createNodeKernel({ file: "bench/node/loop-guard.html", loopBudgetMs });
  try {
    const started = process.cpuUsage();
    kernel.load([toCell({ id: 1, mode: "js", value: source })]);
    await kernel.runtime.settled();
    const used = process.cpuUsage(started);
    const report = kernel.runtime.report(1)!;
    if (report.status !== "fulfilled") throw new Error(`the benchmark cell failed: ${report.error?.message}`);
    // settled() waits 10 ms of quiet: CPU time leaves that wait out, where wall time would not.
    return (used.user + used.system) / 1000;
  } finally {
    kernel.dispose();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function loopGuardBench({ long }: { long: boolean }): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const rounds = long ? 15 : 5;
  const rows: BenchRow[] = [];
  for (const [name, source] of Object.entries(CELLS)) {
    const guarded: number[] = [];
    const unguarded: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate, so load from other processes falls on both alike.
      const fresh = (kind: string) => `${source}\n// ${kind} ${round}`;
      unguarded.push(await runOnce(fresh("unguarded"), Infinity));
      guarded.push(await runOnce(fresh("guarded"), 1e9));
    }
    const ratio = median(guarded) / median(unguarded);
    rows.push({
      bench: "loop guard",
      case: `${name} · CPU time`,
      measured: `${median(guarded).toFixed(0)} ms guarded`,
      baseline: `${median(unguarded).toFixed(0)} ms unguarded`,
      ratio,
      ratioText: `${ratio.toFixed(2)}× slower`,
      data: { guarded, unguarded }
    });
  }
  return { rows, notes: [`loop guard: median CPU time of ${rounds} first runs per case, guarded ÷ unguarded`] };
}
