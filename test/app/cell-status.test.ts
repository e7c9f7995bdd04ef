import { describe, expect, it } from "vitest";
import { deriveStatuses, type ReportStatus } from "../../src/app/cell-status.ts";
import type { CellShape } from "../../src/runtime/topology.ts";

const shapes: CellShape[] = [
  { id: 1, defines: ["examples"], inputs: [] },
  { id: 2, defines: ["training"], inputs: ["examples"] },
  { id: 3, defines: ["evaluation"], inputs: ["training"] },
  { id: 4, defines: [], inputs: [] }
];
const reports = (entries: [number, ReportStatus["status"], number][]) => new Map(entries.map(([id, status, runs]) => [id, { status, runs }]));
const statuses = (input: Parameters<typeof deriveStatuses>[0]) => Object.fromEntries(deriveStatuses(input));

describe("cell status as the page shows it", () => {
  it("a pending cell whose own code computes is running; cells waiting on it are stale once they have run before", () => {
    const result = statuses({ shapes, reports: reports([[1, "pending", 2], [2, "pending", 2], [3, "pending", 2], [4, "fulfilled", 1]]) });
    expect(result).toEqual({ 1: "running", 2: "stale", 3: "stale", 4: "fulfilled" });
  });

  it("on a first run, a cell waiting on an upstream cell is pending (it has no earlier output to keep)", () => {
    expect(statuses({ shapes, reports: reports([[1, "fulfilled", 1], [2, "running", 1], [3, "pending", 1]]) })).toMatchObject({ 2: "running", 3: "pending" });
  });

  it("rejected and fulfilled pass through; a cell the runtime does not have yet is pending", () => {
    expect(statuses({ shapes, reports: reports([[1, "rejected", 1], [2, "fulfilled", 3]]) })).toEqual({ 1: "rejected", 2: "fulfilled", 3: "pending", 4: "pending" });
  });

  it("with auto-run paused, an edited cell and everything downstream of it are stale", () => {
    const all = reports([[1, "fulfilled", 1], [2, "fulfilled", 1], [3, "fulfilled", 1], [4, "fulfilled", 1]]);
    expect(statuses({ shapes, reports: all, staleRoots: [2] })).toEqual({ 1: "fulfilled", 2: "stale", 3: "stale", 4: "fulfilled" });
  });
});
