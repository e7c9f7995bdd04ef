// Reaction in the page: a 100-cell notebook (each cell i > 1 reads cell ⌊i/2⌋) on the browser
// kernel, its root redefined again and again, timed from the edit to the moment the first dependent
// cell's body starts; against the bare @observablehq/runtime with the same graph as functions,
// edit by edit, interleaved. In a page the runtime computes on the next animation frame.
import { createBrowserKernel } from "../../../kernels/browser/kernel.ts";
import { readOnly } from "../../../src/notebook/notebook-files.ts";
import { bareRuntime, kernelContender, type Contender } from "../../lib/reaction-graph.ts";

const later = (callback: () => void) => setTimeout(callback);

function ourKernel(): Promise<Contender> {
  const files = readOnly({ read: () => Promise.reject(new Error("no files here")), url: (path: string) => path }, "no files here");
  return kernelContender(createBrowserKernel({ notebookPath: "reaction.html", files }), later);
}

/** Milliseconds from each edit to the first dependent starting, ours and bare, `edits` each. */
export async function reaction(edits: number): Promise<{ ours: number[]; bare: number[] }> {
  const ours = await ourKernel();
  const bare = await bareRuntime(later);
  const samples = { ours: [] as number[], bare: [] as number[] };
  for (let i = 0; i < 10; i++) await ours.edit().then(() => bare.edit()); // warm-up
  for (let i = 0; i < edits; i++) {
    const order = i % 2 ? ([bare, ours] as const) : ([ours, bare] as const);
    for (const contender of order) (contender === ours ? samples.ours : samples.bare).push(await contender.edit());
  }
  ours.dispose();
  bare.dispose();
  return samples;
}
