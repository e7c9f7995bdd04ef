import { describe, expect, it } from "vitest";
import { downstreamCells, upstreamCells, type CellShape } from "../../src/runtime/topology.ts";

// examples → model → training → evaluation → report; heldOut → evaluation; notes stands alone.
const spiral: CellShape[] = [
  { id: 1, defines: [], inputs: [] },
  { id: 2, defines: ["examples"], inputs: ["teach"] },
  { id: 3, defines: ["model"], inputs: ["teach"] },
  { id: 4, defines: ["training"], inputs: ["teach", "model", "examples"] },
  { id: 5, defines: ["heldOut"], inputs: ["teach"] },
  { id: 6, defines: ["evaluation", "accuracy"], inputs: ["teach", "training", "heldOut"] },
  { id: 7, defines: [], inputs: ["accuracy", "heldOut", "training"] }
];

describe("dependency topology", () => {
  it("the cells downstream of an edited examples cell are training, evaluation and the report", () => {
    expect([...downstreamCells(spiral, [2])].sort()).toEqual([4, 6, 7]);
    expect([...downstreamCells(spiral, [5])].sort()).toEqual([6, 7]);
    expect(downstreamCells(spiral, [7]).size).toBe(0);
  });

  it("downstream of several cells excludes the cells themselves", () => {
    expect([...downstreamCells(spiral, [2, 4])].sort()).toEqual([6, 7]);
  });

  it("the cells upstream of the report are every cell it reads through", () => {
    expect([...upstreamCells(spiral, 7)].sort()).toEqual([2, 3, 4, 5, 6]);
    expect(upstreamCells(spiral, 1).size).toBe(0);
  });

  it("a dependency loop ends the walk instead of looping for ever", () => {
    const loop: CellShape[] = [
      { id: 1, defines: ["a"], inputs: ["b"] },
      { id: 2, defines: ["b"], inputs: ["a"] }
    ];
    expect([...downstreamCells(loop, [1])]).toEqual([2]);
    expect([...upstreamCells(loop, 1)]).toEqual([2]);
  });
});
