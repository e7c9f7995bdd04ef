// What runs, on the real Node kernel: runs with their dependents, paused runs waiting as stale,
// structural sync after delete/undo, and a restart onto a fresh runtime.
import { afterEach, describe, expect, it } from "vitest";
import { RunControl } from "../../src/app/run-control.ts";
import type { NodeKernel } from "../../kernels/node/kernel.ts";
import { cells, nodeKernelFor, valueOf } from "../helpers/notebooks.ts";

let control: RunControl | undefined;
afterEach(() => control?.dispose());

function start() {
  let changes = 0;
  const kernels: NodeKernel[] = [];
  control = new RunControl(() => (kernels.push(nodeKernelFor()), kernels.at(-1)!), () => changes++);
  return { control, kernels, changes: () => changes };
}

const value = async (control: RunControl, id: number, name: string) => {
  await control.settled();
  return valueOf(control.report(id), name);
};

describe("running cells", () => {
  it("runs the given cells, and the runtime re-runs the cells that depend on them", async () => {
    const { control } = start();
    const notebook = cells("const a = 1;", "const b = a * 10;");
    control.run(notebook, notebook);
    expect(await value(control, 2, "b")).toBe(10);
    const edited = cells("const a = 2;", "const b = a * 10;");
    control.run([edited[0]], edited);
    expect(await value(control, 2, "b")).toBe(20);
    expect(control.ranVersion(1)?.value).toBe("const a = 2;");
  });

  it("while paused, a run only queues its cell (stale roots) until runStale runs them all at once", async () => {
    const { control } = start();
    const notebook = cells("const a = 1;", "const b = 2;", "const c = a + b;");
    control.run(notebook, notebook);
    expect(await value(control, 3, "c")).toBe(3);
    control.setPaused(true, notebook);
    const edited = cells("const a = 10;", "const b = 20;", "const c = a + b;");
    control.run([edited[0]], edited);
    control.run([edited[1]], edited);
    expect(control.staleRoots()).toEqual([1, 2]);
    expect(control.requestedVersion(1)?.value).toBe("const a = 10;");
    expect(await value(control, 3, "c")).toBe(3);
    control.runStale(edited);
    expect(control.staleRoots()).toEqual([]);
    expect(control.isPaused).toBe(true);
    expect(await value(control, 3, "c")).toBe(30);
  });

  it("turning auto-run back on runs what was queued", async () => {
    const { control } = start();
    const notebook = cells("const a = 1;", "const b = a + 1;");
    control.run(notebook, notebook);
    control.setPaused(true, notebook);
    const edited = cells("const a = 5;", "const b = a + 1;");
    control.run([edited[0]], edited);
    control.setPaused(false, edited);
    expect(await value(control, 2, "b")).toBe(6);
  });

  it("sync follows deletes and their undo: a deleted cell leaves the runtime and comes back as it last ran", async () => {
    const { control } = start();
    const notebook = cells("const a = 1;", "const b = a + 1;");
    control.run(notebook, notebook);
    await control.settled();
    control.sync([notebook[1]]);
    await control.settled();
    expect(control.report(1)).toBeUndefined();
    expect(control.report(2)?.error?.message).toMatch(/a is not defined/);
    control.sync(notebook);
    expect(await value(control, 2, "b")).toBe(2);
  });

  it("restart disposes the kernel and runs every cell on a fresh one", async () => {
    const { control, kernels, changes } = start();
    const notebook = cells("const a = 1;", "const b = a + 1;");
    control.run(notebook, notebook);
    await control.settled();
    const seen: number[] = [];
    control.subscribe((report) => seen.push(report.id));
    control.restart(notebook);
    expect(kernels).toHaveLength(2);
    expect(kernels[0].runtime.disposed).toBe(true);
    expect(kernels[1].runtime.disposed).toBe(false);
    expect(await value(control, 2, "b")).toBe(2);
    expect(seen).toContain(2);
    expect(changes()).toBeGreaterThan(0);
  });
});
