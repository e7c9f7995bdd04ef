import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeKernel } from "../../kernels/node/kernel.ts";
import type { Kernel } from "../../src/runtime/kernel.ts";
import type { CellStatus } from "../../src/runtime/notebook-runtime.ts";
import { cells, projectRoot } from "../helpers/notebooks.ts";

const kernels: Kernel[] = [];
afterEach(() => {
  for (const kernel of kernels.splice(0)) kernel.dispose();
});

describe("a generator cell that fails after yielding", () => {
  it("goes from running to rejected without ever being reported fulfilled in between", async () => {
    const kernel = createNodeKernel({ file: join(projectRoot, "notebooks", "inline.html") });
    kernels.push(kernel);
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
