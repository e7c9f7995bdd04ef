// `exemplar build`'s checks and its reading of what a notebook needs; test/e2e/export.test.ts
// builds a real site and opens it in Chromium.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exemplar } from "../helpers/exemplar-cli.ts";
import { describe, expect, it } from "vitest";
import { notebookNeeds, packageOf } from "../../src/export/notebook-needs.ts";
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import { cells, projectRoot } from "../helpers/notebooks.ts";

describe("exemplar build", () => {
  it("without an output folder stops with the usage and exit status 2", async () => {
    const run = await exemplar("build", "notebooks/spiral.html");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/build needs an output folder: -o DIR/);
    expect(run.stderr).toMatch(/exemplar build FILE -o DIR/);
  });

  it("refuses a folder that holds other files, and leaves them as they were", async () => {
    const folder = await mkdtemp(join(tmpdir(), "exemplar-build-"));
    try {
      await writeFile(join(folder, "thesis.txt"), "years of work");
      const run = await exemplar("build", "notebooks/spiral.html", "-o", folder);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is not empty and holds no earlier export/);
      expect(await readdir(folder)).toEqual(["thesis.txt"]);
      expect(await readFile(join(folder, "thesis.txt"), "utf8")).toBe("years of work");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe("what an exported notebook needs", () => {
  it("the penguins lesson: its CSV file and danfojs", async () => {
    const { notebook } = await readNotebookFile(join(projectRoot, "notebooks/penguins.html"));
    const needs = notebookNeeds(notebook.cells);
    expect(needs.files).toEqual(["penguins.csv"]);
    expect(needs.packages).toContain("danfojs");
    expect(needs.typescript).toBe(false);
  });

  it("packages reached through builtins and imports, TypeScript only for TypeScript cells, everything for a computed import", () => {
    expect(notebookNeeds(cells("Plot.plot({})", 'import {csv} from "npm:d3-dsv@3";\nimport * as d3 from "npm:d3@7";'))).toEqual({ files: [], packages: ["@observablehq/plot", "d3"], typescript: false });
    expect(notebookNeeds(cells({ mode: "ts", value: "const n: number = 1;" })).typescript).toBe(true);
    expect(notebookNeeds(cells("const name = 'd3';\nconst lib = await import(name);")).packages).toContain("danfojs");
    // teach.widgets charts are drawn with tfjs-vis in the page; the plane and pad are not.
    expect(notebookNeeds(cells("teach.widgets.curves(training)")).packages).toEqual(["@tensorflow/tfjs-vis"]);
    expect(notebookNeeds(cells("const { confusion } = teach.widgets;")).packages).toEqual(["@tensorflow/tfjs-vis"]);
    expect(notebookNeeds(cells("teach.widgets.plane(examples, training)")).packages).toEqual([]);
    expect(["npm:@observablehq/plot@0.6/dist", "lodash", "d3@7"].map(packageOf)).toEqual(["@observablehq/plot", "lodash", "d3"]);
  });
});
