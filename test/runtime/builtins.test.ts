// The builtins every cell sees, in the Node kernel, from installed packages.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadNotebook, projectRoot, reportWhere, valueOf } from "../helpers/notebooks.ts";

describe("builtins in the Node kernel", async () => {
  const { runtime, kernel } = await loadNotebook(join(projectRoot, "test/fixtures/builtins.html"));
  await runtime.settled();
  const value = <T = unknown>(id: number, name: string) => valueOf<T>(runtime.report(id), name);

  it("FileAttachment reads files relative to the notebook, parsing CSV (typed) and JSON", () => {
    const rows = value<object[] & { columns: string[] }>(1, "rows");
    expect(rows.columns).toEqual(["x", "y", "label"]);
    expect([...rows]).toEqual([
      { x: 0.5, y: 1.5, label: "a" },
      { x: 2, y: 3, label: "b" },
      { x: -1, y: 0.25, label: "a" }
    ]);
    expect(value(2, "meta")).toEqual({ name: "points", count: 3 });
  });

  it("a missing attachment fails its cell with the path that was tried", () => {
    const error = runtime.report(3)?.error;
    expect(error?.message).toBe(`FileAttachment("data/nowhere.csv"): file not found (tried ${join(projectRoot, "test/fixtures/data/nowhere.csv")})`);
  });

  it("dfd is danfojs, sharing the notebook's tfjs", () => {
    expect(value(4, "shape")).toBe("3×3");
  });

  it("tf runs on wasm, and importing npm:@tensorflow/tfjs gives the very same instance", () => {
    expect(value(5, "total")).toBe(1.5);
    expect(value(5, "backend")).toBe("wasm");
    expect(kernel.backend()).toBe("wasm");
    expect(value(8, "sameTf")).toBe(true);
  });

  it("a Mutable is settled between changes, and setting it re-runs the cells that read it", async () => {
    expect(runtime.report(6)?.status).toBe("fulfilled");
    expect(value(7, "seen")).toBe(10);
    value<() => number>(6, "bump")();
    await reportWhere(runtime, 7, (report) => valueOf(report, "seen") === 20);
    kernel.dispose();
  });
});
