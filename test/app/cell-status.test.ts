import { describe, expect, it } from "vitest";
import { deriveStatuses, type ReportStatus } from "../../src/app/cell-status.ts";
import type { CellShape } from "../../src/runtime/topology.ts";

const shapes: CellShape[] = [
  { id: 1, defines: ["examples"], inputs: [] },
  { id: 2, defines: ["training"], inputs: ["examples"] },
  { id: 3, defines: ["evaluation"], inputs: ["training"] },
  { id: 4, defines: [], inputs: [] }
];
const reports = (entries: [number, ReportStatus["status"]][]) => new Map(entries.map(([id, status]) => [id, { status }]));
const statuses = (input: Omit<Parameters<typeof deriveStatuses>[0], "shown">, shown: number[] = []) => Object.fromEntries(deriveStatuses({ ...input, shown: new Set(shown) }));

describe("cell status as the page shows it", () => {
  it("a pending cell whose own code computes is running; cells waiting on it that show an earlier output are stale", () => {
    const result = statuses({ shapes, reports: reports([[1, "pending"], [2, "pending"], [3, "pending"], [4, "fulfilled"]]) }, [1, 2, 3, 4]);
    expect(result).toEqual({ 1: "running", 2: "stale", 3: "stale", 4: "fulfilled" });
  });

  it("a cell waiting on an upstream cell with no earlier output to keep is pending", () => {
    expect(statuses({ shapes, reports: reports([[1, "fulfilled"], [2, "running"], [3, "pending"]]) }, [1, 2])).toMatchObject({ 2: "running", 3: "pending" });
  });

  it("rejected and fulfilled pass through; a cell the runtime does not have yet is pending", () => {
    expect(statuses({ shapes, reports: reports([[1, "rejected"], [2, "fulfilled"]]) })).toEqual({ 1: "rejected", 2: "fulfilled", 3: "pending", 4: "pending" });
  });

  it("with auto-run paused, an edited cell and everything downstream of it are stale", () => {
    const all = reports([[1, "fulfilled"], [2, "fulfilled"], [3, "fulfilled"], [4, "fulfilled"]]);
    expect(statuses({ shapes, reports: all, staleRoots: [2] })).toEqual({ 1: "fulfilled", 2: "stale", 3: "stale", 4: "fulfilled" });
  });
});
