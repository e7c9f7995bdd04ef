// `exemplar build`'s checks and its reading of what a notebook needs; test/e2e/export.test.ts
// builds a real site and opens it in Chromium.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { toNotebook } from "@observablehq/notebook-kit";
import { serializeNotebook } from "../../src/notebook/format.ts";
import { nodeDom } from "../../src/notebook/node-dom.ts";
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

  it("refuses a folder holding an export.json it did not write, among other files, and deletes nothing", async () => {
    const folder = await mkdtemp(join(tmpdir(), "exemplar-build-"));
    try {
      // Another tool's export.json, even one naming files it "wrote", is not this command's.
      await writeFile(join(folder, "export.json"), JSON.stringify({ source: "x.html", files: [], written: ["thesis.txt"] }));
      await writeFile(join(folder, "thesis.txt"), "years of work");
      await mkdir(join(folder, "assets"));
      await writeFile(join(folder, "assets/figure.svg"), "<svg/>");
      const before = await snapshot(folder);
      const run = await exemplar("build", "notebooks/spiral.html", "-o", folder);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/holds an export\.json that this command did not write; nothing was changed/);
      expect(await snapshot(folder)).toEqual(before);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("replaces an earlier export file by file, refuses one a person added files to, and never copies a data file through a link leading out", async () => {
    const work = await mkdtemp(join(tmpdir(), "exemplar-build-"));
    try {
      await mkdir(join(work, "lesson"));
      await writeFile(join(work, "secret.csv"), "password\nhunter2\n");
      await writeFile(join(work, "lesson/points.csv"), "x,y\n1,2\n");
      await symlink("../secret.csv", join(work, "lesson/linked.csv"));
      await writeFile(join(work, "lesson/data.html"), serializeNotebook(toNotebook({ title: "Data", cells: [
        { id: 1, mode: "js", value: 'const points = await FileAttachment("points.csv").csv();' },
        { id: 2, mode: "js", value: 'const linked = await FileAttachment("linked.csv").text().catch(() => "");' }
      ] }), nodeDom()));
      const site = join(work, "site");
      const first = await exemplar("build", join(work, "lesson/data.html"), "-o", site, "--timeout", "30");
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/not exported: FileAttachment\("linked\.csv"\): linked\.csv: leads outside the notebook folder/);
      const manifest = JSON.parse(await readFile(join(site, "export.json"), "utf8"));
      expect(manifest.files).toEqual(["points.csv"]);
      expect(await readdir(join(site, "files"))).toEqual(["points.csv"]);
      expect(JSON.stringify(await snapshot(site))).not.toContain("hunter2");
      expect(manifest.written.sort()).toEqual(Object.keys(await snapshot(site)).sort());
      // No TypeScript cell: no TypeScript chunk.
      expect(manifest.written.some((file: string) => /^assets\/typescript-/.test(file))).toBe(false);

      const again = await exemplar("build", join(work, "lesson/data.html"), "-o", site, "--timeout", "30");
      expect(again.code, again.stderr).toBe(0);
      await writeFile(join(site, "notes.txt"), "mine");
      const refused = await exemplar("build", join(work, "lesson/data.html"), "-o", site, "--timeout", "30");
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/holds files the earlier export did not write \(notes\.txt\); nothing was changed/);
      expect(await readFile(join(site, "notes.txt"), "utf8")).toBe("mine");
      expect(await readFile(join(site, "files/points.csv"), "utf8")).toBe("x,y\n1,2\n");
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

/** Every file under `folder` with its bytes. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return Object.fromEntries(await Promise.all(files.map(async (entry) => [relative(folder, join(entry.parentPath, entry.name)), await readFile(join(entry.parentPath, entry.name), "latin1")] as const)));
}

describe("what an exported notebook needs", () => {
  it("the penguins lesson: its CSV file and danfojs", async () => {
    const { notebook } = await readNotebookFile(join(projectRoot, "notebooks/penguins.html"));
    const needs = notebookNeeds(notebook.cells);
    expect(needs.files).toEqual(["penguins.csv"]);
    expect(needs.packages).toContain("danfojs");
    expect(needs.typescript).toBe(false);
  });

  it("packages reached through builtins and imports, TypeScript only for TypeScript cells, everything for a computed import", () => {
    expect(notebookNeeds(cells("Plot.plot({})", 'import {csv} from "npm:d3-dsv@3";\nimport * as d3 from "npm:d3@7";'))).toEqual({ files: [], packages: ["@observablehq/plot", "d3"], typescript: false, sampleDatasets: [] });
    expect(notebookNeeds(cells("Plot.dot(penguins).plot()", "aapl.length + penguins.length")).sampleDatasets).toEqual(["aapl.csv", "penguins.csv"]);
    expect(notebookNeeds(cells({ mode: "ts", value: "const n: number = 1;" })).typescript).toBe(true);
    expect(notebookNeeds(cells("const name = 'd3';\nconst lib = await import(name);")).packages).toContain("danfojs");
    // teach.widgets charts are drawn with tfjs-vis in the page; the plane and pad are not.
    expect(notebookNeeds(cells("teach.widgets.curves(training)")).packages).toEqual(["@tensorflow/tfjs-vis"]);
    expect(notebookNeeds(cells("const { confusion } = teach.widgets;")).packages).toEqual(["@tensorflow/tfjs-vis"]);
    expect(notebookNeeds(cells("teach.widgets.plane(examples, training)")).packages).toEqual([]);
    expect(["npm:@observablehq/plot@0.6/dist", "lodash", "d3@7"].map(packageOf)).toEqual(["@observablehq/plot", "lodash", "d3"]);
  });
});
