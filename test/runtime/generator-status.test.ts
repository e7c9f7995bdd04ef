import { describe, expect, it } from "vitest";
import type { CellStatus } from "../../src/runtime/notebook-runtime.ts";
import { cells, kernelsDisposedAfterEach } from "../helpers/notebooks.ts";

const newKernel = kernelsDisposedAfterEach();

describe("a generator cell that fails after yielding", () => {
  it("goes from running to rejected without ever being reported fulfilled in between", async () => {
    const kernel = newKernel();
    const statuses: CellStatus[] = [];
    kernel.runtime.subscribe((report) => {
      if (statuses[statuses.length - 1] !== report.status) statuses.push(report.status);
    });
    kernel.load(cells('const steps = (async function* () {\n  yield 1;\n  yield 2;\n  throw new Error("step 3 failed");\n})();'));
    await kernel.runtime.settled();
    expect(kernel.runtime.report(1)!.error?.message).toBe("step 3 failed");
    expect(statuses).toEqual(["pending", "running", "rejected"]);
  });
});
