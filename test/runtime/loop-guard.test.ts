import { describe, expect, it } from "vitest";
import type { Cell } from "@observablehq/notebook-kit";
import { compileCell } from "../../src/runtime/compile.ts";
import { DEFAULT_LOOP_BUDGET_MS, LOOP_GUARD } from "../../src/runtime/loop-guard.ts";
import type { NodeKernel as Kernel } from "../../kernels/node/kernel.ts";
import { cells, reportWhere, valueOf, kernelsDisposedAfterEach } from "../helpers/notebooks.ts";

const newKernel = kernelsDisposedAfterEach();

function kernelWith(loopBudgetMs: number): Kernel {
  const kernel = newKernel({ loopBudgetMs });
  return kernel;
}

async function run(loopBudgetMs: number, notebook: Cell[]) {
  const kernel = kernelWith(loopBudgetMs);
  kernel.load(notebook);
  await kernel.runtime.settled();
  return kernel.runtime;
}

/** Busy-waits, as a heavy synchronous computation would. */
const busy = (ms: number) => `{ const until = performance.now() + ${ms}; while (performance.now() < until) {} }`;

describe("a cell stuck in a synchronous loop", () => {
  it("is stopped after the budget with the loop's line:column, while the other cells fulfil", async () => {
    const runtime = await run(200, cells("const a = 1;", "const b = a + 1;\n  while (true) {}", "const c = a * 10;", "const d = b * 2;"));
    const [first, stuck, third, downstream] = runtime.reports();
    expect(stuck.status).toBe("rejected");
    expect(stuck.error).toMatchObject({
      kind: "runtime",
      line: 2,
      column: 3,
      message: expect.stringMatching(/^stopped after 0\.2 s without yielding \(the loop at 2:3 in cell 2\)/)
    });
    expect([first.status, third.status]).toEqual(["fulfilled", "fulfilled"]);
    expect(valueOf(third, "c")).toBe(10);
    expect(downstream.status).toBe("rejected");
  });

  it("leaves the runtime usable: the cell redefined without the loop fulfils, and so do its dependents", async () => {
    const runtime = await run(200, cells("const a = 1;", "const b = a + 1;\nfor (;;) {}", "const d = b * 2;"));
    expect(runtime.report(2)!.status).toBe("rejected");
    runtime.define(cells("", "const b = a + 1;")[1]);
    await runtime.settled();
    expect(runtime.reports().map((report) => report.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(valueOf(runtime.report(3), "d")).toBe(4);
  });

  it("is stopped when the endless work is a recursion rather than a loop", async () => {
    const runtime = await run(200, cells("const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));\nconst big = fib(80);"));
    expect(runtime.report(1)!.error?.message).toMatch(/^stopped after 0\.2 s without yielding \(the function at 1:13 in cell 1\)/);
  });

  it("is stopped in the cell that calls a looping function another cell defines", async () => {
    const runtime = await run(200, cells("function spin() {\n  for (let i = 0; ; i++) {}\n}", "const x = 1;\nconst y = spin();"));
    expect(runtime.report(1)!.status).toBe("fulfilled");
    expect(runtime.report(2)!.error).toMatchObject({ line: 2, message: expect.stringMatching(/\(the loop at 2:3 in cell 1\)/) });
  });

  it("cannot keep looping by catching the error", async () => {
    const runtime = await run(200, cells("let caught = 0;\nwhile (true) {\n  try { for (;;) {} } catch { caught++; }\n}"));
    expect(runtime.report(1)!.error?.message).toMatch(/^stopped after 0\.2 s without yielding/);
  });
});

describe("long work that yields", () => {
  it("an async cell that awaits between slices is never stopped, however long it runs in all", async () => {
    const source = `let slices = 0;\nfor (let i = 0; i < 20; i++) {\n  ${busy(20)}\n  await Promise.resolve();\n  slices++;\n}`;
    const runtime = await run(300, cells(source));
    expect(runtime.report(1)!.status).toBe("fulfilled");
    expect(valueOf(runtime.report(1), "slices")).toBe(20);
    expect(runtime.report(1)!.ms).toBeGreaterThan(300);
  });

  it("a generator cell that yields between slices is never stopped, however long it runs in all", async () => {
    const source = `const slices = (function* () {\n  for (let i = 1; i <= 20; i++) {\n    ${busy(20)}\n    yield i;\n  }\n})();`;
    const kernel = kernelWith(300);
    kernel.load(cells(source));
    const report = await reportWhere(kernel.runtime, 1, (report) => report.status !== "pending" && report.status !== "running");
    expect(report.status).toBe("fulfilled");
    expect(valueOf(report, "slices")).toBe(20);
  });

  it("a tfjs training loop that awaits each epoch runs all its epochs past the budget, and frees its tensors", async () => {
    const training = [
      "const fit = (async function* () {",
      "  const w = tf.tidy(() => tf.variable(tf.scalar(0)));",
      "  const optimizer = tf.train.sgd(0.02);",
      "  const xs = tf.tensor1d([1, 2, 3, 4]), ys = tf.tensor1d([2, 4, 6, 8]);",
      "  try {",
      "    for (let epoch = 1; epoch <= 25; epoch++) {",
      "      for (let step = 0; step < 10; step++) optimizer.minimize(() => xs.mul(w).sub(ys).square().mean());",
      `      ${busy(25)}`,
      "      await new Promise((resolve) => setTimeout(resolve, 0));",
      "      yield {epoch, w: w.dataSync()[0]};",
      "    }",
      "  } finally {",
      "    tf.dispose([w, xs, ys]);",
      "    optimizer.dispose();",
      "  }",
      "})();"
    ].join("\n");
    const kernel = kernelWith(500);
    const tf = await import("@tensorflow/tfjs");
    kernel.load(cells("const ready = await tf.ready();"));
    await kernel.runtime.settled();
    const before = tf.memory().numTensors;
    kernel.load(cells("const ready = await tf.ready();", training));
    await kernel.runtime.settled();
    const report = kernel.runtime.report(2)!;
    expect(report.error?.message).toBeUndefined();
    expect(report.status).toBe("fulfilled");
    expect(valueOf<{ epoch: number; w: number }>(report, "fit")).toMatchObject({ epoch: 25, w: expect.closeTo(2, 1) });
    expect(report.ms).toBeGreaterThan(500);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("each cell's run gets a budget of its own", async () => {
    const runtime = await run(600, cells(`${busy(350)}\nconst a = 1;`, `${busy(350)}\nconst b = 2;`));
    expect(runtime.reports().map((report) => report.status)).toEqual(["fulfilled", "fulfilled"]);
  });
});

/** Functions (compiled twice, so never identical) compare by name. */
function comparable(value: unknown): unknown {
  if (typeof value === "function") return `function ${value.name}`;
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, part]) => [key, comparable(part)]));
  return value;
}

describe("guarded cells compute what unguarded cells compute", () => {
  const programs = cells(
    // nested loops, labelled break and continue
    "let pairs = [];\nouter: for (let i = 0; i < 6; i++) {\n  for (let j = 0; j < 6; j++) {\n    if (j > i) continue outer;\n    if (i === 5) break outer;\n    pairs.push([i, j]);\n  }\n}",
    // loops without braces, do-while, for-in, for-of, while with an empty body
    "let total = 0;\nfor (let i = 0; i < 10; i++) total += i;\nlet k = 0;\ndo k++; while (k < 5)\nconst keys = [];\nfor (const key in {x: 1, y: 2}) keys.push(key);\nfor (const v of [1, 2, 3]) total += v;\nlet w = 0;\nwhile (w++ < 7);",
    // loops in functions called from the cell, closures over per-iteration bindings
    "function sum(xs) { let s = 0; for (const x of xs) s += x; return s; }\nconst sums = [1, 2, 3].map((n) => sum(Array.from({length: n}, (_, i) => i + 1)));\nconst closures = [];\nfor (let i = 0; i < 3; i++) closures.push(() => i);\nconst captured = closures.map((f) => f());",
    // arrow expression bodies returning objects, recursion, "use strict", classes with static blocks and getters
    "const pair = (x) => ({x, twice: x * 2});\nconst fact = (n) => (n <= 1 ? 1 : n * fact(n - 1));\nfunction strict() { 'use strict'; return this === undefined; }\nclass Counter { static made = 0; static { for (let i = 0; i < 3; i++) Counter.made++; } get ten() { let t = 0; while (t < 10) t++; return t; } }\nconst shapes = [pair(2), fact(10), strict(), Counter.made, new Counter().ten];",
    // generators (also defined inside the cell and driven by a loop in it)
    "function* range(n) { for (let i = 0; i < n; i++) yield i; }\nconst ranged = [...range(5)];\nconst stepped = (function* () { for (const value of ranged) yield value * 10; })();",
    // async loops
    "let awaited = 0;\nfor await (const value of [Promise.resolve(1), 2, 3]) awaited += value;\nwhile (awaited < 100) { awaited *= 2; await null; }",
    // a loop on the same line as other code, and an error after loops keeps its line:column
    "let once = 0; for (;;) { once++; break; } const later = once;\nfor (const i of [1]) {}\nnull.boom;"
  );

  it("every kind of loop, function and generator gives the same values and errors with a high budget as without a guard", async () => {
    const guarded = (await run(1e9, programs)).reports();
    const unguarded = (await run(Infinity, programs)).reports();
    const outcome = (report: (typeof guarded)[number]) => ({
      id: report.id,
      status: report.status,
      value: comparable(report.value),
      error: report.error && { message: report.error.message, line: report.error.line, column: report.error.column }
    });
    expect(guarded.map(outcome)).toEqual(unguarded.map(outcome));
    expect(guarded.map((report) => report.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled", "rejected"]);
    expect(valueOf(guarded[4], "stepped")).toBe(40);
    expect(guarded[6].error).toMatchObject({ line: 3, column: 6 });
  });

  it("the guard is compiled in (by default with a 10 s budget) and left out with an infinite budget", () => {
    const [loop] = cells("let n = 0;\nwhile (n < 3) n++;");
    const bodyOf = (loopBudgetMs?: number) => {
      const compiled = compileCell(loop, { loopBudgetMs });
      if (!compiled.ok) throw new Error(compiled.error.message);
      return compiled.cell.body;
    };
    expect(DEFAULT_LOOP_BUDGET_MS).toBe(10_000);
    expect(bodyOf()).toContain(`${LOOP_GUARD}.check(10000,`);
    expect(bodyOf(1e9)).toContain(`${LOOP_GUARD}.check(1000000000,`);
    expect(bodyOf(Infinity)).not.toContain(LOOP_GUARD);
    expect(bodyOf().split("\n").length).toBe(bodyOf(Infinity).split("\n").length);
  });

  it("every cell's own function starts a fresh budget, Observable JavaScript cells' included", () => {
    for (const [mode, value] of [["js", "let n = 0;"], ["ts", "const n: number = 1;"], ["md", "# ${1 + 1}"], ["ojs", "a = { for (let i = 0; ; i++) yield i; }"]] as const) {
      const compiled = compileCell(cells({ mode, value })[0], { loopBudgetMs: 1000 });
      const body = compiled.ok ? compiled.cell.body : "";
      // The restart is the first statement of the cell's function, before anything of the cell's.
      expect(body.indexOf(`{${LOOP_GUARD}.start(1);`)).toBe(body.indexOf("{"));
    }
  });
});
