// The compatibility fixtures (notebooks written in Observable's style, test/fixtures/kit-compat)
// are in Kit's own serialization, and run headless: every cell fulfils, or needs a browser.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { deserialize, serialize } from "@observablehq/notebook-kit";
import { describe, expect, it } from "vitest";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { originOf } from "../../src/teach/origin.ts";
import { loadNotebook, notebookFiles, projectRoot } from "../helpers/notebooks.ts";

const fixtures = notebookFiles("test/fixtures/kit-compat");
/** Cells that fail on purpose, by fixture: Kit fails the readers of a name two cells declare. */
const EXPECTED_FAILURES: Record<string, Record<number, string>> = { "duplicate-name.html": { 4: "color is defined more than once" } };

describe("the Kit compatibility fixtures", () => {
  it("are the fixtures listed here, each byte for byte what Kit's serialize writes for it", () => {
    expect(fixtures.map((file) => basename(file)).sort()).toEqual([
      "browser-globals.html", "d3-chart.html", "data-loader.html", "duplicate-name.html", "files.html", "generator.html", "imports.html", "inputs-view.html", "local-modules.html", "markdown.html", "mutable.html", "observable-js.html", "plot-chart.html", "sample-datasets.html", "sql.html"
    ]);
    const { document, parser } = nodeDom();
    for (const file of fixtures) {
      const text = readFileSync(file, "utf8");
      expect(serialize(deserialize(text, { parser }), { document }), basename(file)).toBe(text);
    }
  });

  it.each(fixtures.map((file) => [basename(file), file]))("%s runs headless: every cell fulfils or needs a browser (or fails as in Kit)", async (name, file) => {
    // The fixtures' folder is the root, as the app serves it: local-modules.html reaches ../kit-compat/modules.
    const { kernel, runtime } = await loadNotebook(file, join(projectRoot, "test/fixtures"));
    try {
      await runtime.settled();
      const reports = runtime.reports();
      const failed = reports.filter((report) => report.status !== "fulfilled" && report.error?.kind !== "needs-browser");
      const expected = Object.entries(EXPECTED_FAILURES[name] ?? {}).map(([id, message]) => `cell ${id}: rejected ${message}`);
      expect(failed.map((report) => `cell ${report.id}: ${report.status} ${report.error?.message}`)).toEqual(expected);
      expect(reports.some((report) => report.status === "fulfilled")).toBe(true);
    } finally {
      kernel.dispose();
    }
  });
});

describe("Observable JavaScript headless", () => {
  it("viewof, mutable, generator and implicit-display cells compute what they do on observablehq.com", async () => {
    const { kernel, runtime } = await loadNotebook(fixtures.find((file) => file.endsWith("observable-js.html"))!);
    try {
      await runtime.settled();
      const value = (id: number) => runtime.report(id)?.value;
      expect(value(5)).toEqual([1, 4, 9]);
      expect(value(6)).toBe(18); // viewof gain: the input's value, 3, squared and doubled
      expect(value(3)).toBe(1); // mutable clicks, incremented once by cell 6
      expect(value(7)).toBe(0); // the countdown's last value
      expect((value(8) as { textContent: string }).textContent).toBe("Gain 3 amplifies to 18 (1 change); the countdown is at 0.");
      expect(value(12)).toBe("apple function"); // require() of two installed packages, versions ignored
      expect(runtime.report(13)?.error).toMatchObject({ kind: "needs-browser", message: "needs a browser (DOM)" });
    } finally {
      kernel.dispose();
    }
  });
});

describe("a page's globals headless", () => {
  it("each read of devicePixelRatio, location, window, navigator or requestAnimationFrame needs a browser, located in its cell", async () => {
    const { kernel, runtime } = await loadNotebook(fixtures.find((file) => file.endsWith("browser-globals.html"))!);
    try {
      await runtime.settled();
      const errors = runtime.reports().map((report) => report.error && [report.id, report.error.kind, report.error.message, report.error.line, report.error.column]);
      expect(errors).toEqual([
        undefined,
        [2, "needs-browser", "needs a browser (devicePixelRatio)", 1, 13],
        [3, "needs-browser", "needs a browser (location)", undefined, undefined],
        [4, "needs-browser", "needs a browser (window)", 1, 14],
        [5, "needs-browser", "needs a browser (navigator)", 1, 18],
        [6, "needs-browser", "needs a browser (requestAnimationFrame)", 1, 33],
        undefined
      ]);
      expect(runtime.report(7)?.value).toEqual({ where: "headless" });
    } finally {
      kernel.dispose();
    }
  });
});

describe("SQL and data loaders headless", () => {
  it("SQL cells query DuckDB over CSV and Parquet attachments; a ${…} value stays a parameter; the rows train examples", async () => {
    const { kernel, runtime } = await loadNotebook(fixtures.find((file) => file.endsWith("sql.html"))!);
    try {
      await runtime.settled();
      const value = (id: number, name: string) => (runtime.report(id)?.value as Record<string, unknown>)?.[name] ?? runtime.report(id)?.value;
      expect(runtime.reports().filter((report) => report.status !== "fulfilled").map((report) => report.error?.message)).toEqual([]);
      expect(value(4, "plenty")).toEqual([
        { name: "cherry", count: 21, price: 0.1 },
        { name: "plum", count: 15, price: 0.3 },
        { name: "apple", count: 12, price: 0.5 },
        { name: "mango", count: 9, price: 1.2 },
        { name: "banana", count: 7, price: 0.25 }
      ]);
      // The quote in the value is data: nothing matches it, and the table it tried to drop is still there.
      expect(value(7, "matches")).toEqual([{ n: 0 }]);
      expect(value(8, "remaining")).toEqual([{ n: 6 }]);
      expect(value(9, "summary")).toEqual([{ fruits: 6, total: 68 }]); // database="duckdb": Kit's connector
      expect(value(10, "cheapest")).toBe("cherry"); // FileAttachment(…).parquet()
      expect(value(11, "examples")).toHaveLength(5);
      const [first] = value(11, "examples") as { input: unknown; output: unknown }[];
      expect(Object.keys(first)).toEqual(["input", "output"]);
      expect(first).toMatchObject({ input: [21, 0.1], output: "cherry" });
      // A SQL result's rows are rows too: each example still says which row and columns it came from.
      expect(originOf(first)).toEqual({ row: 0, columns: ["count", "price"], outputColumn: "name" });
    } finally {
      kernel.dispose();
    }
  });

  it("a node data loader's output is a FileAttachment read downstream, JSON and CSV", async () => {
    const { kernel, runtime } = await loadNotebook(fixtures.find((file) => file.endsWith("data-loader.html"))!);
    try {
      await runtime.settled();
      expect(runtime.report(3)?.value).toEqual({ warmest: { hour: 18, celsius: 21 } });
      expect(runtime.report(5)?.value).toEqual({ days: [3, 5] });
    } finally {
      kernel.dispose();
    }
  });
});

describe("Kit's sample datasets headless", () => {
  it("penguins, miserables and aapl come from the installed package, parsed as Kit parses them", async () => {
    const { kernel, runtime } = await loadNotebook(fixtures.find((file) => file.endsWith("sample-datasets.html"))!);
    try {
      await runtime.settled();
      expect(runtime.report(3)?.value).toBe("344 penguins, masses as numbers; 77 characters; AAPL from 2013");
    } finally {
      kernel.dispose();
    }
  });
});
