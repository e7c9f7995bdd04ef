import { describe, expect, it } from "vitest";
import type { Cell } from "@observablehq/notebook-kit";
import type { NodeKernel as Kernel } from "../../kernels/node/kernel.ts";
import { cells, kernelsDisposedAfterEach } from "../helpers/notebooks.ts";

const newKernel = kernelsDisposedAfterEach();

const cell = (id: number, value: string): Cell => ({ ...cells(value)[0], id });

async function cycleMessages(define: (target: Kernel) => void) {
  const kernel = newKernel();
  define(kernel);
  await kernel.runtime.settled();
  return kernel.runtime.reports().map((report) => [report.id, report.error?.message]);
}

describe("a circular definition", () => {
  it("is named the same way whatever the order the cells were first defined in", async () => {
    // p is defined twice, once on the loop and once off it: the loop found must not depend on which came first.
    const notebook = [cell(1, "const c = d + 1;"), cell(2, "const d = p + q;"), cell(3, "const p = c + 1;"), cell(4, "const q = c * 2;"), cell(5, "const p = 2;")];
    const loaded = await cycleMessages((kernel) => kernel.load(notebook));
    // One by one in document order (a load defines them the other way round).
    const edited = await cycleMessages((kernel) => {
      for (const each of notebook) kernel.runtime.define(each);
    });
    expect(edited).toEqual(loaded);
    expect(loaded[0][1]).toMatch(/^circular definition: c → /);
  });
});
