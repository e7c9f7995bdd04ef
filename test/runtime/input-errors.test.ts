import { describe, expect, it } from "vitest";
import type { Cell } from "@observablehq/notebook-kit";
import type { NodeKernel as Kernel } from "../../kernels/node/kernel.ts";
import { cells, kernelsDisposedAfterEach } from "../helpers/notebooks.ts";

const kernel = kernelsDisposedAfterEach();

/** The error each cell shows once the runtime has settled. */
async function errorsAfter(apply: (target: Kernel) => void | Promise<void>) {
  const target = kernel();
  await apply(target);
  await target.runtime.settled();
  return target.runtime.reports().map((report) => [report.id, report.error?.message ?? null]);
}

const cell = (id: number, value: string): Cell => ({ ...cells(value)[0], id });

describe("a cell whose inputs fail", () => {
  it("shows its first failing input's error, the same after a history of edits as after a fresh load", async () => {
    // b ends up defined twice and a nowhere: `b + a` fails on b first, however it got there.
    const final = [cell(3, "const b = 1;"), cell(1, "const b = 1;"), cell(6, "b + a")];
    const edited = await errorsAfter((target) => {
      target.runtime.define(cell(3, "const b = 1;"));
      target.runtime.define(cell(1, "const a = 1;"));
      target.runtime.define(cell(1, "const b = 1;"));
      target.runtime.define(cell(6, "b + a"));
    });
    const fresh = await errorsAfter((target) => target.load(final));
    expect(edited).toEqual(fresh);
    expect(fresh).toEqual([
      [3, null],
      [1, null],
      [6, "b is defined more than once"]
    ]);
  });

  it("passes on the error its failing input's cell shows, not the one the runtime happened to pass on", async () => {
    // d fails on a (its first input), so `d + c` shows that too, not c's own error.
    const final = [cell(1, "const d = a * c;"), cell(4, "d + c")];
    const edited = await errorsAfter((target) => {
      for (const each of final) target.runtime.define(each);
    });
    const fresh = await errorsAfter((target) => target.load(final));
    expect(edited).toEqual(fresh);
    expect(fresh).toEqual([
      [1, "a is not defined"],
      [4, "a is not defined"]
    ]);
  });

  it("shows a later input's error when the earlier inputs are fine", async () => {
    const errors = await errorsAfter((target) => target.load([cell(1, "const x = 1;"), cell(2, "x + missing")]));
    expect(errors).toEqual([
      [1, null],
      [2, "missing is not defined"]
    ]);
  });
});
