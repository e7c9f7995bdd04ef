// The reaction benchmarks' notebook, in Node and in the page: 100 cells, each cell i > 1 reading
// cell ⌊i/2⌋, so redefining the root re-runs all the others. Each dependent calls a global mark
// as its body starts; an edit is timed from the define to the first mark. No Node APIs here: the
// page bundles this module too.
import { Runtime } from "@observablehq/runtime";
import { toCell, type Cell } from "@observablehq/notebook-kit";
import type { Kernel } from "../../src/runtime/kernel.ts";
import { KernelReports } from "../../src/runtime/kernel-reports.ts";

export const CELLS = 100;
const parent = (i: number) => Math.floor(i / 2);

/** Calls to this global mark a cell's body starting; an edit resolves once every dependent ran. */
const marks = { first: 0, count: 0, target: Infinity, done: () => {} };
(globalThis as Record<string, unknown>).__benchStarted = () => {
  if (marks.count++ === 0) marks.first = performance.now();
  if (marks.count === marks.target) marks.done();
  return 0;
};

export interface Contender {
  /** redefines the root; resolves with ms until the first dependent started, once all re-ran */
  edit(): Promise<number>;
  dispose(): void;
}

/** Starts an edit and resolves with ms until the first dependent started; `later` runs after the last (setImmediate, setTimeout). */
function timeEdit(edit: () => void, later: (callback: () => void) => void): Promise<number> {
  return new Promise((resolve) => {
    marks.count = 0;
    marks.target = CELLS - 1;
    const started = performance.now();
    marks.done = () => later(() => resolve(marks.first - started));
    edit();
  });
}

/** The notebook as cells, its root holding `rootValue`. */
function notebookCells(rootValue: number): Cell[] {
  return Array.from({ length: CELLS }, (_, index) => {
    const i = index + 1;
    const value = i === 1 ? `const x1 = ${rootValue};` : `const x${i} = __benchStarted() + x${parent(i)} + 1;`;
    return toCell({ id: i, value, mode: "js" });
  });
}

/** Our side: the notebook loaded on a kernel, each edit a new source for the root cell. */
export async function kernelContender(kernel: Kernel, later: (callback: () => void) => void): Promise<Contender> {
  const reports = new KernelReports(kernel);
  kernel.send({ type: "load", cells: notebookCells(0) });
  await reports.settled();
  let version = 0;
  return {
    edit: () => timeEdit(() => kernel.send({ type: "define", cell: toCell({ id: 1, value: `const x1 = ${++version};`, mode: "js" }) }), later),
    dispose: () => (reports.close(), kernel.send({ type: "dispose" }))
  };
}

/** The same graph on the bare @observablehq/runtime, as plain functions. */
export async function bareRuntime(later: (callback: () => void) => void): Promise<Contender> {
  const runtime = new Runtime({}, (name: string) => (globalThis as Record<string, unknown>)[name]);
  const main = runtime.module();
  const root = main.variable(true).define("x1", [], () => 0);
  for (let i = 2; i <= CELLS; i++) {
    main.variable(true).define(`x${i}`, ["__benchStarted", `x${parent(i)}`], (started: () => number, x: number) => started() + x + 1);
  }
  await main.value(`x${CELLS}`);
  let version = 0;
  return {
    edit: () => timeEdit(() => root.define("x1", [], () => ++version), later),
    dispose: () => runtime.dispose()
  };
}
