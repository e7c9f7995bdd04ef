import { describe, expect, it } from "vitest";
import { GLOBAL_READER, guardGlobalReads } from "../../src/runtime/browser-globals.ts";
import { BROWSER_ONLY_NAMES } from "../../src/runtime/errors.ts";
import { sampleDatasetBuiltins } from "../../src/runtime/stdlib/sample-datasets.ts";
import { cells, kernelsDisposedAfterEach } from "../helpers/notebooks.ts";

const names = new Set(["window", "location", "devicePixelRatio"]);
const guard = (body: string) => guardGlobalReads(body, names);
const read = (name: string) => `${GLOBAL_READER}("${name}")`;

describe("guarding a page's globals in a compiled body", () => {
  it("a free read becomes a call to the kernel's reader, in place, on the same line", () => {
    expect(guard("() => {\nreturn window.innerWidth * devicePixelRatio;\n}")).toBe(`() => {\nreturn ${read("window")}.innerWidth * ${read("devicePixelRatio")};\n}`);
    expect(guard("() => ({location})")).toBe(`() => ({location: ${read("location")}})`);
    expect(guard("() => f(window[location.hash])")).toBe(`() => f(${read("window")}[${read("location")}.hash])`);
  });

  it("typeof, property names, object keys and assignment targets are left alone", () => {
    const body = "() => typeof window === 'undefined' ? a.window : {window: 1, location() {}}";
    expect(guard(body)).toBe(body);
    expect(guard("() => { location = 1; location++; }")).toBe("() => { location = 1; location++; }");
  });

  it("a cell that declares the name itself keeps it as written", () => {
    const body = "(a) => { const window = a; return window.x; }";
    expect(guard(body)).toBe(body);
    expect(guard("function(location) { return location; }")).toBe("function(location) { return location; }");
  });
});

const kernel = kernelsDisposedAfterEach();

describe("a page's globals headless", () => {
  it.each(["devicePixelRatio", "location", "window", "navigator", "requestAnimationFrame"])("reading %s needs a browser (a typed error, so the run does not fail)", async (name) => {
    expect(BROWSER_ONLY_NAMES.has(name)).toBe(true);
    const { runtime } = kernel();
    runtime.setCells(cells(`const x = 1;\nconst y = [${name}].length;`));
    await runtime.settled();
    expect(runtime.report(1)).toMatchObject({ status: "rejected", error: { kind: "needs-browser", message: `needs a browser (${name})` } });
  });

  it("a cell checking typeof window runs headless, and libraries that check it (tfjs) load as before", async () => {
    const { runtime } = kernel();
    runtime.setCells(cells('typeof window === "undefined" ? "headless" : "page"', "tf.tensor([1, 2]).sum().dataSync()[0]"));
    await runtime.settled();
    expect(runtime.reports().map((report) => report.value)).toEqual(["headless", 3]);
  });
});

describe("Observable JavaScript readers of a cell that needs a browser", () => {
  it("a reader of `mutable x` or `viewof x` needs a browser too, not 'not defined'", async () => {
    const { runtime } = kernel();
    runtime.setCells(
      cells(
        { mode: "ojs", value: "mutable width = window.innerWidth" },
        { mode: "ojs", value: "viewof size = document.createElement('input')" },
        { mode: "ojs", value: "twice = mutable width * 2" },
        { mode: "ojs", value: "input = viewof size" }
      )
    );
    await runtime.settled();
    expect(runtime.reports().map((report) => report.error?.message)).toEqual([
      "needs a browser (window)",
      "needs a browser (document)",
      "needs a browser (window)",
      "needs a browser (document)"
    ]);
  });
});

describe("Kit's sample datasets", () => {
  it("headless, a cell naming one gets it from the installed package, parsed as Kit does", async () => {
    const { runtime } = kernel();
    runtime.setCells(cells("penguins.length", "typeof cars[0].year"));
    await runtime.settled();
    expect(runtime.report(1)?.value).toBe(344);
    expect(runtime.report(2)?.value).toBe("number");
  });

  it("without a reader for them (a static export), naming one says where it comes from and what to do, instead of 'not defined'", () => {
    const library = sampleDatasetBuiltins();
    expect(() => library.penguins()).toThrow("penguins is one of Kit's sample datasets (from the package @observablehq/sample-datasets), which this page cannot reach: put penguins.csv beside the notebook and read it with FileAttachment(\"penguins.csv\")");
  });
});
