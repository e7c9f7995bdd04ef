// The dependency rules of DESIGN.md, checked on the real import graph of src/ and kernels/ (static,
// dynamic and type-only imports alike): the core does not reach up, and nothing imports in a circle.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { edgesBetween, importCycles, readImportGraph, type ImportEdge } from "./import-graph.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const graph = readImportGraph(root, ["src", "kernels"]);
const shown = (edges: ImportEdge[]) => edges.map((edge) => `${edge.from} → ${edge.to}${edge.typeOnly ? " (type)" : ""}`);


describe("the import graph reader", () => {
  it("sees static, dynamic and type-only imports, and a cycle made of types alone", () => {
    const folder = mkdtempSync(join(tmpdir(), "exemplar-graph-"));
    try {
      mkdirSync(join(folder, "src", "a"), { recursive: true });
      writeFileSync(join(folder, "src/a/one.ts"), 'import type { Two } from "./two.ts";\nexport type One = Two[];\n');
      writeFileSync(join(folder, "src/a/two.ts"), 'import type { One } from "./one.ts";\nexport type Two = { one?: One };\nexport const load = () => import("./three.ts");\n');
      writeFileSync(join(folder, "src/a/three.ts"), 'export { load } from "./two.ts";\n');
      const small = readImportGraph(folder, ["src"]);
      expect(small.edges).toContainEqual({ from: "src/a/one.ts", to: "src/a/two.ts", typeOnly: true });
      expect(small.edges).toContainEqual({ from: "src/a/two.ts", to: "src/a/three.ts", typeOnly: false });
      // one ↔ two (types only) and two → three → two: one knot of three files.
      expect(importCycles(small)).toEqual([["src/a/one.ts", "src/a/three.ts", "src/a/two.ts"]]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("the dependencies of src/ and kernels/", () => {
  it("reads a graph of the project's files and their imports", () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.edges).toContainEqual({ from: "src/runtime/library.ts", to: "src/runtime/cell-runs.ts", typeOnly: false });
  });

  it("the teaching kit imports nothing from the widgets", () => {
    expect(shown(edgesBetween(graph, "src/teach", "src/widgets"))).toEqual([]);
  });

  it("the widgets import nothing from the page: they talk to a WidgetHost", () => {
    expect(shown(edgesBetween(graph, "src/widgets", "src/app"))).toEqual([]);
  });

  it("the runtime imports nothing from the teaching kit: the kernels hand it in", () => {
    expect(shown(edgesBetween(graph, "src/runtime", "src/teach"))).toEqual([]);
  });

  it("no file imports itself back through other files, type-only imports included", () => {
    const cycles = importCycles(graph);
    expect(cycles.map((cycle) => cycle.join(" ↔ "))).toEqual([]);
  });
});
