import { toCell } from "@observablehq/notebook-kit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCell, definedNames, npmSpecifierOf } from "../../src/runtime/compile.ts";

const js = (value: string, id = 1) => toCell({ id, value, mode: "js" });

describe("compiling cells", () => {
  it("a JavaScript syntax error becomes an error for that cell with a 1-based line:column", () => {
    const result = compileCell(js("const a = 1;\nconst b = (a + ;", 7));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: "syntax", cellId: 7, line: 2, column: 16 });
    expect(result.error.message).toMatch(/Unexpected token/);
  });

  it("a TypeScript syntax error gets a line:column although Kit gives none", () => {
    const result = compileCell(toCell({ id: 3, value: "const a: number = 1;\nlet b: string = (;", mode: "ts" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: "syntax", cellId: 3, line: 2, column: 18 });
  });

  it("declarations become the cell's outputs and free names its inputs", () => {
    const result = compileCell(js("const total = price * count, label = `n=${count}`;"));
    expect(result.ok && result.cell.outputs).toEqual(["total", "label"]);
    expect(result.ok && result.cell.inputs.sort()).toEqual(["count", "price"]);
  });

  it("Markdown and HTML cells compile to md`…` and html`…` with their interpolations as inputs", () => {
    const md = compileCell(toCell({ id: 1, value: "# Hi ${name}", mode: "md" }));
    expect(md.ok && md.cell.inputs).toEqual(["md", "name"]);
    expect(md.ok && md.cell.autodisplay).toBe(true);
    const html = compileCell(toCell({ id: 2, value: "<b>${n}</b>", mode: "html", output: "bold" }));
    expect(html.ok && html.cell.output).toBe("bold");
  });

  it("imports go through the kernel's loader, and npm: specifiers resolve to installed packages, not a CDN", () => {
    const result = compileCell(js('import * as tf from "npm:@tensorflow/tfjs@4";\nimport {csvParse} from "d3-dsv";\ntf.version'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cell.body).not.toMatch(/cdn\.jsdelivr/);
    expect(result.cell.body).toMatch(/__exemplar_import\("@tensorflow\/tfjs"\)/);
    expect(result.cell.body).toMatch(/__exemplar_import\("d3-dsv"\)/);
    expect(result.cell.body).not.toMatch(/[^_]import\(/);
  });

  it("an address the author wrote in full is left as written", () => {
    const url = "https://cdn.jsdelivr.net/npm/d3@7/+esm";
    const result = compileCell(js(`const d3 = await import("${url}");`));
    expect(result.ok && result.cell.body).toContain(JSON.stringify(url));
  });

  it("maps Kit's CDN addresses back to package specifiers", () => {
    expect(npmSpecifierOf("https://cdn.jsdelivr.net/npm/d3/+esm")).toBe("d3");
    expect(npmSpecifierOf("https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/+esm")).toBe("@tensorflow/tfjs");
    expect(npmSpecifierOf("https://cdn.jsdelivr.net/npm/lodash@4/fp/+esm")).toBe("lodash/fp");
    expect(npmSpecifierOf("https://cdn.jsdelivr.net/npm/react-dom/client/+esm")).toBe("react-dom");
  });

  it("a SQL cell is Kit's tagged template on db (or DatabaseClient), its rows shown through the kernel's table", () => {
    const result = compileCell(toCell({ id: 4, value: "SELECT * FROM cars WHERE mpg > ${minimum}", mode: "sql", output: "rows" }));
    expect(result).toMatchObject({ ok: true, cell: { inputs: ["db", "minimum"], output: "viewof$rows", autoview: true } });
    if (result.ok) expect(result.cell.body).toContain("return __exemplar_table(\ndb.sql`SELECT * FROM cars WHERE mpg > ${minimum}`");
    const named = compileCell(toCell({ id: 5, value: "SELECT 1", mode: "sql", database: "pg" }));
    expect(named.ok && named.cell.body).toContain('DatabaseClient("pg", {id: 5}).sql`SELECT 1`');
    const hidden = compileCell(toCell({ id: 6, value: "SELECT 1", mode: "sql", hidden: true }));
    expect(hidden.ok && hidden.cell.body).not.toContain("__exemplar_table");
  });

  it("a data-loader cell runs through Kit's Interpreter and reads its output in the cell's format", () => {
    const result = compileCell(toCell({ id: 7, value: "print('a,b')", mode: "python", format: "csv" }));
    expect(result.ok && result.cell.inputs).toEqual(["Interpreter"]);
    expect(result.ok && result.cell.body).toContain('Interpreter("python", {id: 7, format: "csv"}).run(');
  });
});

describe("compiling Observable JavaScript cells", () => {
  const ojs = (value: string, id = 1) => compileCell(toCell({ id, value, mode: "ojs" }));

  it("an anonymous expression cell compiles to a function of its free names and displays its value", () => {
    const result = ojs("md`# Hello ${name}`");
    expect(result).toMatchObject({ ok: true, cell: { inputs: ["md", "name"], autodisplay: true } });
    if (result.ok) expect(result.cell.body).toMatch(/^function\(md,name\)/);
  });

  it("viewof and mutable cells define the plain name for other cells", () => {
    const view = ojs("viewof gain = Inputs.range([0, 10])");
    expect(view).toMatchObject({ ok: true, cell: { output: "viewof$gain", autoview: true } });
    if (view.ok) expect(definedNames(view.cell)).toEqual(["gain"]);
    const mutable = ojs("mutable clicks = 0");
    expect(mutable).toMatchObject({ ok: true, cell: { output: "mutable clicks", automutable: true } });
    if (mutable.ok) expect(definedNames(mutable.cell)).toEqual(["clicks"]);
    const writer = ojs("{ mutable clicks += 1; return viewof gain; }");
    expect(writer.ok && writer.cell.inputs.sort()).toEqual(["mutable$clicks", "viewof$gain"]);
  });

  it("a syntax error is the cell's error with a 1-based line:column, not an exception", () => {
    expect(ojs("x = {\n  return 1 +;\n}", 5)).toMatchObject({ ok: false, error: { kind: "syntax", cellId: 5, line: 2, column: 13 } });
    expect(ojs("x = 1 +")).toMatchObject({ ok: false, error: { kind: "syntax", line: 1, column: 8 } });
  });

  it("no source, however broken, makes compiling throw: every failure is the cell's error with a line:column", () => {
    const sources = [
      "viewof gain = {\n  const input = html`<input type=range>`;\n  return input;\n}",
      "mutable clicks = mutable clicks + 1",
      "countdown = {\n  for (let i = 3; i >= 0; --i) yield i;\n}",
      'import {chart} with {data} from "@d3/bar-chart"',
      "function square(x) { return x * x; }"
    ];
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.nat(), fc.nat(), fc.constantFrom("ojs", "js", "ts", "md"), (source, a, b, mode) => {
        const broken = source.slice(0, a % (source.length + 1)) + source.slice(b % (source.length + 1));
        let result;
        expect(() => (result = compileCell(toCell({ id: 1, value: broken, mode: mode as "ojs" })))).not.toThrow();
        if (!result!.ok) expect(result!.error).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
      }),
      { numRuns: 300 }
    );
  });

  it("an import of an observablehq.com notebook is routed to the kernel as observable:, never as a network address", () => {
    const result = ojs('import {chart} from "@d3/bar-chart"');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cell.body).toContain('__exemplar_import("observable:@d3/bar-chart")');
    expect(result.cell.body).not.toContain("api.observablehq.com");
  });
});
