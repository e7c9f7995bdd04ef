import { describe, expect, it } from "vitest";
import type { Cell } from "@observablehq/notebook-kit";
import { cells, valueOf, kernelsDisposedAfterEach } from "../helpers/notebooks.ts";

const kernel = kernelsDisposedAfterEach();

const cell = (id: number, value: string): Cell => ({ ...cells(value)[0], id });
const counting = "const count = (function* () {\n  for (let i = 1; i <= 3; i++) yield i;\n})();";

describe("a name defined by two cells for a while", () => {
  it("fails its readers only, and once one cell stops defining it, the other ends as on a fresh load (its generator run again)", async () => {
    const { runtime } = kernel();
    runtime.define(cell(1, counting));
    runtime.define(cell(3, "count * 10"));
    await runtime.settled();
    expect(valueOf(runtime.report(1), "count")).toBe(3);
    expect(runtime.report(3)?.value).toBe(30);
    runtime.define(cell(2, "const count = 0;"));
    await runtime.settled();
    expect(runtime.reports().map((report) => report.error?.message)).toEqual([undefined, "count is defined more than once", undefined]);
    expect(runtime.report(2)).toMatchObject({ status: "fulfilled", value: { count: 0 } });
    runtime.define(cell(2, "const other = 0;"));
    await runtime.settled();
    expect(runtime.report(1)).toMatchObject({ status: "fulfilled", value: { count: 3 } });
    expect(runtime.report(3)).toMatchObject({ status: "fulfilled", value: 30 });
  });

  it("comes back the same way when the other cell is deleted", async () => {
    const { runtime } = kernel();
    runtime.define(cell(1, counting));
    await runtime.settled();
    runtime.define(cell(2, "const count = 0;"));
    await runtime.settled();
    runtime.delete(2);
    await runtime.settled();
    expect(runtime.report(1)).toMatchObject({ status: "fulfilled", value: { count: 3 } });
  });
});
