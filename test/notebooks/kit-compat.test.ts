// The compatibility fixtures (notebooks written in Observable's style, test/fixtures/kit-compat)
// are in Kit's own serialization, and run headless: every cell fulfils, or needs a browser.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { deserialize, serialize } from "@observablehq/notebook-kit";
import { describe, expect, it } from "vitest";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { loadNotebook, notebookFiles } from "../helpers/notebooks.ts";

const fixtures = notebookFiles("test/fixtures/kit-compat");

describe("the Kit compatibility fixtures", () => {
  it("are eight notebooks, each byte for byte what Kit's serialize writes for it", () => {
    expect(fixtures.map((file) => basename(file)).sort()).toEqual(["d3-chart.html", "files.html", "generator.html", "imports.html", "inputs-view.html", "markdown.html", "mutable.html", "plot-chart.html"]);
    const { document, parser } = nodeDom();
    for (const file of fixtures) {
      const text = readFileSync(file, "utf8");
      expect(serialize(deserialize(text, { parser }), { document }), basename(file)).toBe(text);
    }
  });

  it.each(fixtures.map((file) => [basename(file), file]))("%s runs headless: every cell fulfils or needs a browser", async (_name, file) => {
    const { kernel, runtime } = await loadNotebook(file);
    try {
      await runtime.settled();
      const reports = runtime.reports();
      const failed = reports.filter((report) => report.status !== "fulfilled" && report.error?.kind !== "needs-browser");
      expect(failed.map((report) => `cell ${report.id}: ${report.status} ${report.error?.message}`)).toEqual([]);
      expect(reports.some((report) => report.status === "fulfilled")).toBe(true);
    } finally {
      kernel.dispose();
    }
  });
});
