// Fuzzing the reactive runtime through the Node kernel: random sequences of cell edits (new cells,
// redefinitions, renames, deletions, reorders, forced re-runs; valid and broken code, duplicate
// names, cycles, tensors, generators, runaway loops), applied with random pauses. The runtime must
// never throw out of its API, must leak no tensors, and once settled must hold exactly what a fresh
// runtime given the final notebook holds: the same statuses, values and error messages.
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCell, type Cell } from "@observablehq/notebook-kit";
import type * as tfType from "@tensorflow/tfjs";
import { createNodeKernel, type NodeKernel as Kernel } from "../../kernels/node/kernel.ts";
import type { CellReport } from "../../src/runtime/notebook-runtime.ts";
import { projectRoot } from "../helpers/notebooks.ts";
import { assertFuzz, fuzzSettings } from "./settings.ts";

const settings = fuzzSettings(40);
const SHRINK_MS = 120_000;
const SETTLE_MS = 20_000;

const NAMES = ["a", "b", "c", "d"];
const IDS = [1, 2, 3, 4, 5, 6];

/** One cell, as data: a template that defines `name` from `x` and `y`. */
interface CellSpec {
  id: number;
  template: number;
  name: string;
  x: string;
  y: string;
  k: number;
}

/** Cells a notebook might hold, each written as a well-behaved notebook would (tensors freed by tidy or invalidation). */
const TEMPLATES: ((s: CellSpec) => { mode: Cell["mode"]; value: string })[] = [
  (s) => js(`const ${s.name} = ${s.k};`),
  (s) => js(`const ${s.name} = ${s.x} + ${s.k};`),
  (s) => js(`const ${s.name} = ${s.x} * ${s.y};`),
  (s) => js(`const ${s.name} = (${s.x} + ;`),
  (s) => js(`const ${s.name} = ${s.x};\nthrow new Error("${s.name} gave up at ${s.k}");`),
  (s) => js(`const ${s.name} = tf.tidy(() => tf.tensor1d([${s.x}, ${s.k}]).square().sum().arraySync());`),
  (s) => js(`const ${s.name} = tf.tensor1d([${s.k}, ${s.k} + 1]);\ninvalidation.then(() => ${s.name}.dispose());`),
  (s) => js(`const ${s.name} = tf.tidy(() => ${s.x}.mul(${s.k}).sum().arraySync());`),
  (s) => js(`const ${s.name} = (function* () {\n  for (let i = 0; i < 3; i++) yield ${s.x} + i;\n})();`),
  (s) => js(`const ${s.name} = (async function* () {\n  for (let i = 1; i <= 3; i++) {\n    await new Promise((resolve) => setTimeout(resolve, 1));\n    yield ${s.x} * i;\n  }\n})();`),
  // (inputs are read before the timer: an error thrown in a timer callback is nobody's to catch)
  (s) => js(`const ${s.name} = await new Promise((resolve) => {\n  const value = ${s.x} - ${s.k};\n  setTimeout(() => resolve(value), 2);\n});`),
  (s) => js(`${s.x} + ${s.y}`),
  (s) => js(`const ${s.name} = ${s.x};\nwhile (true) {}`),
  (s) => js(`function ${s.name}(n) {\n  return n + ${s.k};\n}`),
  (s) => ({ mode: "md", value: `# ${s.name} is \${${s.x}}` }),
  (s) => ({ mode: "ts", value: `const ${s.name}: number = ${s.x} + ${s.k};` }),
  (s) => js(`const ${s.name} = ${s.x}(${s.k});`),
  (s) => js(`const ${s.name} = ${s.k};\nconst ${nextName(s.name)} = ${s.x} + 1;`),
  (s) => js(`display(${s.x});\nconst ${s.name} = ${s.k};`)
];

/** Another name of the pool, for cells that define two. */
function nextName(name: string): string {
  return NAMES[(NAMES.indexOf(name) + 1) % NAMES.length];
}

function js(value: string) {
  return { mode: "js" as const, value };
}

function cellOf(spec: CellSpec): Cell {
  return toCell({ id: spec.id, ...TEMPLATES[spec.template](spec) });
}

type Edit =
  | { kind: "define"; spec: CellSpec }
  | { kind: "rename"; index: number; name: string }
  | { kind: "delete"; index: number }
  | { kind: "rerun"; index: number }
  | { kind: "reorder"; order: number[] };
type Pause = "none" | "microtask" | "timer" | "settled";

const spec: fc.Arbitrary<CellSpec> = fc.record({
  id: fc.constantFrom(...IDS),
  template: fc.nat({ max: TEMPLATES.length - 1 }),
  name: fc.constantFrom(...NAMES),
  x: fc.constantFrom(...NAMES),
  y: fc.constantFrom(...NAMES),
  k: fc.integer({ min: 1, max: 9 })
});
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("define" as const), spec }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("rename" as const), index: fc.nat(), name: fc.constantFrom(...NAMES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rerun" as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reorder" as const), order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }) }) }
);
const step = fc.record({ edit, pause: fc.constantFrom<Pause>("none", "none", "microtask", "timer", "settled") });
const session = fc.array(step, { minLength: 1, maxLength: 14 });

let tf: typeof tfType;
let baseline = 0;
const counts = { sessions: 0, edits: 0, cells: 0, tensorCells: 0 };
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

function kernel(): Kernel {
  // A short loop budget, so runaway cells are stopped quickly (and the same way in both runs).
  return createNodeKernel({ file: join(projectRoot, "notebooks", "fuzz.html"), loopBudgetMs: 50 });
}

/** Calls the runtime's API; whatever it throws fails the case, naming the call. */
function call<T>(what: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new Error(`${what} threw out of the runtime: ${(error as Error)?.stack ?? error}`);
  }
}

async function settle(target: Kernel, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = await Promise.race([
    target.runtime.settled().then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), SETTLE_MS)))
  ]);
  clearTimeout(timer);
  if (!settled) throw new Error(`${what} never settled: ${JSON.stringify(target.runtime.reports().map(outcome))}`);
}

/** What a report says, in values that compare: tensors by content, functions by name, elements by HTML. */
function outcome(report: CellReport) {
  return {
    id: report.id,
    names: report.names,
    status: report.status,
    value: comparable(report.value, 0),
    error: report.error && { kind: report.error.kind, message: report.error.message, line: report.error.line, column: report.error.column }
  };
}

function comparable(value: unknown, depth: number): unknown {
  if (value instanceof tf.Tensor) return value.isDisposed ? "a disposed tensor" : { tensor: value.arraySync() };
  if (typeof value === "function") return `function ${value.name}`;
  if (value && typeof (value as Node).nodeType === "number") return { html: (value as Element).outerHTML ?? (value as Node).textContent };
  if (value instanceof Error) return { error: value.message };
  if (depth > 3 || !value || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((part) => comparable(part, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, part]) => [key, comparable(part, depth + 1)]));
}

async function pause(target: Kernel, kind: Pause): Promise<void> {
  if (kind === "microtask") await Promise.resolve();
  else if (kind === "timer") await new Promise((resolve) => setTimeout(resolve, 3));
  else if (kind === "settled") await settle(target, "the edited runtime");
}

/** Applies the session to a runtime while keeping the notebook it should end up holding. */
async function applySession(target: Kernel, steps: { edit: Edit; pause: Pause }[]): Promise<Cell[]> {
  let notebook: CellSpec[] = [];
  const pick = (index: number) => notebook[index % notebook.length];
  const replace = (spec: CellSpec) => {
    const at = notebook.findIndex((other) => other.id === spec.id);
    notebook = at < 0 ? [...notebook, spec] : notebook.map((other, i) => (i === at ? spec : other));
  };
  for (const { edit, pause: wait } of steps) {
    counts.edits++;
    if (edit.kind === "define") {
      call("define", () => target.runtime.define(cellOf(edit.spec)));
      replace(edit.spec);
    } else if (!notebook.length) {
      continue;
    } else if (edit.kind === "rename") {
      // The same cell under another name (its references to other cells stay as they were).
      const renamed = { ...pick(edit.index), name: edit.name };
      call("define (rename)", () => target.runtime.define(cellOf(renamed)));
      replace(renamed);
    } else if (edit.kind === "delete") {
      const { id } = pick(edit.index);
      call("delete", () => target.runtime.delete(id));
      notebook = notebook.filter((other) => other.id !== id);
    } else if (edit.kind === "rerun") {
      const spec = pick(edit.index);
      call("define (forced)", () => target.runtime.define(cellOf(spec), true));
    } else {
      const rank = new Map(notebook.map((spec, i) => [spec.id, edit.order[i % edit.order.length] + i * 1e-9]));
      notebook = [...notebook].sort((p, q) => rank.get(p.id)! - rank.get(q.id)!);
      call("setCells (reorder)", () => target.runtime.setCells(notebook.map(cellOf)));
    }
    await pause(target, wait);
  }
  return notebook.map(cellOf);
}

/** Lets invalidation handlers (which free tensors) run after a dispose. */
const afterDispose = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  // Load tfjs and its kernels once, so the baseline counts no tensors of theirs.
  const warm = kernel();
  warm.load([cellOf({ id: 1, template: 5, name: "a", x: "b", y: "b", k: 1 }), cellOf({ id: 2, template: 0, name: "b", x: "b", y: "b", k: 2 })]);
  await settle(warm, "the warm-up runtime");
  warm.dispose();
  await afterDispose();
  tf = await import("@tensorflow/tfjs");
  baseline = tf.memory().numTensors;
});

afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  expect(tf.memory().numTensors).toBe(baseline);
  console.log(
    `runtime fuzz (seed ${settings.seed}): ${counts.sessions} sessions, ${counts.edits} edits applied,`,
    `${counts.cells} cells in the final notebooks (${counts.tensorCells} making tensors)`
  );
});

describe("random sequences of cell edits against the runtime (fuzzed)", () => {
  it("never throw out of the runtime, leak no tensors, and end where a fresh run of the final notebook ends", { timeout: SHRINK_MS + 60_000 }, async () => {
    await assertFuzz(
      "the runtime edit fuzzer",
      settings,
      fc.asyncProperty(session, async (steps) => {
        counts.sessions++;
        unhandled.length = 0;
        // Counted per case, so that a leak is blamed on the case that made it (and shrinks to it).
        const tensorsBefore = tf.memory().numTensors;
        const edited = kernel();
        let notebook: Cell[];
        let after: ReturnType<typeof outcome>[];
        try {
          notebook = await applySession(edited, steps);
          await settle(edited, "the edited runtime");
          after = call("reports", () => edited.runtime.reports()).map(outcome);
        } finally {
          edited.dispose();
        }
        counts.cells += notebook.length;
        counts.tensorCells += notebook.filter((cell) => cell.value.includes("tf.")).length;
        const fresh = kernel();
        let expected: ReturnType<typeof outcome>[];
        try {
          call("load", () => fresh.load(notebook));
          await settle(fresh, "the fresh runtime");
          expected = fresh.runtime.reports().map(outcome);
        } finally {
          fresh.dispose();
        }
        await afterDispose();
        expect(after).toEqual(expected);
        expect(after.map((report) => report.id)).toEqual(notebook.map((cell) => cell.id));
        expect(tf.memory().numTensors).toBe(tensorsBefore);
        expect(unhandled).toEqual([]);
      }),
      SHRINK_MS
    );
    // A replayed case (FUZZ_PATH) runs once; a whole run runs them all.
    if (!settings.path) expect(counts.sessions).toBeGreaterThanOrEqual(Math.min(settings.numRuns, 5));
  });
});
