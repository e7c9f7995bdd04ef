import { describe, expect, it } from "vitest";
import { toCell } from "@observablehq/notebook-kit";
import type { CellReport } from "../../src/runtime/notebook-runtime.ts";
import { cells, nodeKernelFor, reportWhere, valueOf } from "../helpers/notebooks.ts";

function kernelWith(...sources: Parameters<typeof cells>) {
  const kernel = nodeKernelFor();
  kernel.load(cells(...sources));
  return kernel;
}

describe("the notebook runtime", () => {
  it("runs cells reactively: redefining a cell re-runs the cells that use it", async () => {
    const kernel = kernelWith("const a = 1;", "const b = a * 10;", "b + 1");
    const { runtime } = kernel;
    await runtime.settled();
    expect(runtime.report(3)?.value).toBe(11);
    runtime.define(toCell({ id: 1, value: "const a = 2;", mode: "js" }));
    await reportWhere(runtime, 3, (report) => report.status === "fulfilled" && report.value === 21);
    expect(valueOf(runtime.report(2), "b")).toBe(20);
    kernel.dispose();
  });

  it("counts a cell's runs: its first, each input change, and each new definition", async () => {
    const kernel = kernelWith("const a = 1;", "a * 2");
    const { runtime } = kernel;
    await runtime.settled();
    expect(runtime.report(2)?.runs).toBe(1);
    runtime.define(toCell({ id: 1, value: "const a = 2;", mode: "js" }));
    await reportWhere(runtime, 2, (report) => report.value === 4);
    expect(runtime.report(2)?.runs).toBe(2);
    runtime.define(toCell({ id: 2, value: "a * 3", mode: "js" }));
    await reportWhere(runtime, 2, (report) => report.value === 6);
    expect(runtime.report(2)?.runs).toBe(3);
    kernel.dispose();
  });

  it("reports each cell's status as pending, then fulfilled with its value or rejected with its error", async () => {
    const kernel = nodeKernelFor();
    const events: string[] = [];
    kernel.runtime.subscribe((report, event) => events.push(`${report.id}:${event}`));
    kernel.load(cells("1 + 1", "null.x"));
    await kernel.runtime.settled();
    expect(events).toContain("1:fulfilled");
    expect(events).toContain("2:rejected");
    expect(kernel.runtime.report(2)?.error).toMatchObject({ kind: "runtime", cellId: 2, line: 1 });
    kernel.dispose();
  });

  it("cells that do not depend on each other settle in document order", async () => {
    const kernel = nodeKernelFor();
    const settled: number[] = [];
    kernel.runtime.subscribe((report, event) => event === "fulfilled" && settled.push(report.id));
    kernel.load(cells("1", "2", "const x = 3;", "'four'", "x + 2"));
    await kernel.runtime.settled();
    expect(settled.filter((id) => id !== 5)).toEqual([1, 2, 3, 4]);
    kernel.dispose();
  });

  it("a syntax error is that cell's alone: the others still run", async () => {
    const kernel = kernelWith("const a = 1;", "const b = (;", "a + 1");
    await kernel.runtime.settled();
    const [first, broken, third] = kernel.runtime.reports();
    expect(first.status).toBe("fulfilled");
    expect(broken).toMatchObject({ status: "rejected", error: { kind: "syntax", line: 1, column: 12 } });
    expect(third).toMatchObject({ status: "fulfilled", value: 2 });
    kernel.dispose();
  });

  it("a name two cells define is an error only for the cells that read it: both bodies run, as in Kit", async () => {
    const kernel = kernelWith("const x = 1;\ndisplay('chart one');", "const x = 2, y = 3;", "x", "y * 2");
    await kernel.runtime.settled();
    const [first, second, reader, other] = kernel.runtime.reports();
    expect(first).toMatchObject({ status: "fulfilled", value: { x: 1 }, displayed: ["chart one"] });
    expect(second).toMatchObject({ status: "fulfilled", value: { x: 2, y: 3 } });
    expect(reader).toMatchObject({ status: "rejected", error: { kind: "duplicate", message: "x is defined more than once" } });
    expect(other).toMatchObject({ status: "fulfilled", value: 6 });
    kernel.dispose();
  });

  it("circular definitions are reported on the cells involved, naming the loop", async () => {
    const kernel = kernelWith("const a = b + 1;", "const b = a + 1;", "const c = 5;");
    await kernel.runtime.settled();
    const [a, b, c] = kernel.runtime.reports();
    expect(a.error?.message).toBe("circular definition: a → b → a");
    expect(b.error?.message).toBe("circular definition: b → a → b");
    expect(c.status).toBe("fulfilled");
    kernel.dispose();
  });

  it("invalidation resolves when a cell is about to re-run", async () => {
    const kernel = kernelWith("const n = 1;", "const log = [];", "(invalidation.then(() => log.push(`invalidated ${n}`)), n)");
    const { runtime } = kernel;
    await runtime.settled();
    runtime.define(toCell({ id: 1, value: "const n = 2;", mode: "js" }));
    await reportWhere(runtime, 3, (report) => report.value === 2);
    expect(valueOf<string[]>(runtime.report(2), "log")).toEqual(["invalidated 1"]);
    kernel.dispose();
  });

  it("generators report running with each value, then fulfilled when done", async () => {
    const kernel = nodeKernelFor();
    const seen: [string, unknown][] = [];
    kernel.runtime.subscribe((report, event) => report.id === 1 && seen.push([event, report.value]));
    kernel.load(cells("(function* () { yield 1; yield 2; yield 3; })()"));
    await kernel.runtime.settled();
    expect(seen.filter(([event]) => event === "running").map(([, value]) => value)).toEqual([1, 2, 3]);
    expect(seen.at(-1)).toEqual(["done", 3]);
    kernel.dispose();
  });

  it("stop(id) ends a running generator and keeps its latest value", async () => {
    const kernel = kernelWith("const ticks = (async function* () { for (let i = 0; ; i++) { yield i; await new Promise((r) => setTimeout(r, 5)); } })();");
    const { runtime } = kernel;
    await reportWhere(runtime, 1, (report) => report.status === "running" && (valueOf<number>(report, "ticks") ?? 0) >= 2);
    expect(runtime.stop(1)).toBe(true);
    const stopped = await reportWhere(runtime, 1, (report) => report.status === "fulfilled");
    expect(valueOf<number>(stopped, "ticks")).toBeGreaterThanOrEqual(2);
    expect(runtime.stop(1)).toBe(false);
    kernel.dispose();
  });

  it("display() shows values as the cell runs; a new run starts with fresh output", async () => {
    const kernel = kernelWith("const k = 1;", "{ display(k); display(k * 2); }");
    const { runtime } = kernel;
    await runtime.settled();
    expect(runtime.report(2)?.displayed).toEqual([1, 2]);
    runtime.define(toCell({ id: 1, value: "const k = 5;", mode: "js" }));
    await reportWhere(runtime, 2, (report: CellReport) => report.displayed[0] === 5 && report.status === "fulfilled");
    expect(runtime.report(2)?.displayed).toEqual([5, 10]);
    kernel.dispose();
  });

  it("deleting a cell makes the cells that used it fail with a clear message", async () => {
    const kernel = kernelWith("const a = 1;", "a + 1");
    await kernel.runtime.settled();
    kernel.runtime.delete(1);
    const report = await reportWhere(kernel.runtime, 2, (r) => r.status === "rejected");
    expect(report.error?.message).toBe("a is not defined");
    expect(kernel.runtime.reports().map((r) => r.id)).toEqual([2]);
    kernel.dispose();
  });

  it("after dispose() the runtime holds no variables and refuses new cells", async () => {
    const kernel = kernelWith("const a = 1;", "const b = a + 1;", "(function* () { while (true) yield b; })()");
    await reportWhere(kernel.runtime, 3, (report) => report.status === "running");
    expect(kernel.runtime.variableCount()).toBeGreaterThan(0);
    kernel.dispose();
    expect(kernel.runtime.variableCount()).toBe(0);
    expect(kernel.runtime.disposed).toBe(true);
    expect(() => kernel.runtime.define(toCell({ id: 9, value: "1", mode: "js" }))).toThrow(/disposed/);
  });

  it("a cell using the DOM reports that it needs a browser", async () => {
    const kernel = kernelWith("document.body", "Inputs.range([0, 1])");
    await kernel.runtime.settled();
    for (const report of kernel.runtime.reports()) expect(report.error?.kind).toBe("needs-browser");
    kernel.dispose();
  });

  it("headless, a read of a page's global needs a browser, a check for one runs, and an error that only says so has failed", async () => {
    const kernel = kernelWith(
      "const {title} = document;",
      'const where = typeof document === "undefined" ? "headless" : "page";',
      "const pick = ({navigator}) => navigator; const shown = pick({navigator: 1});",
      'throw new ReferenceError("document is not defined")'
    );
    await kernel.runtime.settled();
    const [read, check, bound, pretend] = kernel.runtime.reports();
    expect(read.error).toMatchObject({ kind: "needs-browser", message: "needs a browser (document)" });
    expect(check).toMatchObject({ status: "fulfilled", value: { where: "headless" } });
    expect(bound).toMatchObject({ status: "fulfilled", value: { shown: 1 } });
    expect(pretend.error?.kind).toBe("runtime");
    kernel.dispose();
  });

  it("the runtime's own errors are told by the notebook's shape: a cell whose error merely reads like one, and its readers, failed", async () => {
    const kernel = kernelWith(
      'const a = (() => { throw new Error("circular definition"); })();',
      "a + 1",
      'const b = (() => { throw new Error("x is defined more than once"); })();',
      "b + 1",
      "const x = 1;",
      "const x = 2;",
      "x + 1",
      "const p = q;",
      "const q = p;",
      "p + 1"
    );
    await kernel.runtime.settled();
    const kinds = kernel.runtime.reports().map((report) => report.error?.kind);
    // As in Kit, the two cells declaring x run; only the cell reading x fails.
    expect(kinds).toEqual(["runtime", "runtime", "runtime", "runtime", undefined, undefined, "duplicate", "circular", "circular", "circular"]);
    kernel.dispose();
  });

  it("a cell that throws an error whose text says 'needs a browser' has failed: errors are classified by their kind, not their words", async () => {
    const kernel = kernelWith('throw new Error("needs a browser (nothing)")');
    await kernel.runtime.settled();
    expect(kernel.runtime.reports()[0].error?.kind).toBe("runtime");
    kernel.dispose();
  });
});
