// Reaction in the page: a 100-cell notebook (each cell i > 1 reads cell ⌊i/2⌋) on the browser
// kernel, its root redefined again and again, timed from the edit to the moment the first dependent
// cell's body starts; against the bare @observablehq/runtime with the same graph as functions,
// edit by edit, interleaved. In a page the runtime computes on the next animation frame.
import { Runtime } from "@observablehq/runtime";
import { toCell, type Cell } from "@observablehq/notebook-kit";
import { createBrowserKernel } from "../../../kernels/browser/kernel.ts";

const CELLS = 100;
const parent = (i: number) => Math.floor(i / 2);

/** Calls to this global mark a cell's body starting; an edit resolves once every dependent ran. */
const marks = { first: 0, count: 0, target: Infinity, done: () => {} };
(globalThis as Record<string, unknown>).__benchStarted = () => {
  if (marks.count++ === 0) marks.first = performance.now();
  if (marks.count === marks.target) marks.done();
  return 0;
};

function timeEdit(edit: () => void): Promise<number> {
  return new Promise((resolve) => {
    marks.count = 0;
    marks.target = CELLS - 1;
    const started = performance.now();
    marks.done = () => setTimeout(() => resolve(marks.first - started));
    edit();
  });
}

function notebookCells(rootValue: number): Cell[] {
  return Array.from({ length: CELLS }, (_, index) => {
    const i = index + 1;
    const value = i === 1 ? `const x1 = ${rootValue};` : `const x${i} = __benchStarted() + x${parent(i)} + 1;`;
    return toCell({ id: i, value, mode: "js" });
  });
}

async function ourKernel() {
  const files = { read: () => Promise.reject(new Error("no files here")), url: (path: string) => path };
  const kernel = createBrowserKernel({ notebookPath: "reaction.html", files });
  kernel.load(notebookCells(0));
  await kernel.runtime.settled();
  let version = 0;
  return {
    edit: () => timeEdit(() => kernel.runtime.define(toCell({ id: 1, value: `const x1 = ${++version};`, mode: "js" }))),
    dispose: () => kernel.dispose()
  };
}

async function bareRuntime() {
  const runtime = new Runtime({}, (name: string) => (globalThis as Record<string, unknown>)[name]);
  const main = runtime.module();
  const root = main.variable(true).define("x1", [], () => 0);
  for (let i = 2; i <= CELLS; i++) {
    main.variable(true).define(`x${i}`, ["__benchStarted", `x${parent(i)}`], (started: () => number, x: number) => started() + x + 1);
  }
  await main.value(`x${CELLS}`);
  let version = 0;
  return {
    edit: () => timeEdit(() => root.define("x1", [], () => ++version)),
    dispose: () => runtime.dispose()
  };
}

/** Milliseconds from each edit to the first dependent starting, ours and bare, `edits` each. */
export async function reaction(edits: number): Promise<{ ours: number[]; bare: number[] }> {
  const ours = await ourKernel();
  const bare = await bareRuntime();
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
