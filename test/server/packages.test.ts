// Packages a cell imports in the page: specifiers parsed, the notebooks' imports found at start,
// and what the resolver answers for each kind of package.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importedPackages, parsePackageSpecifier, resolvePackage } from "../../src/server/packages.ts";

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe("package specifiers", () => {
  it("drops npm: and the version, keeps the scope and the subpath", () => {
    expect(parsePackageSpecifier("npm:d3@7")).toEqual({ name: "d3", specifier: "d3" });
    expect(parsePackageSpecifier("npm:@tensorflow/tfjs@4.22.0")).toEqual({ name: "@tensorflow/tfjs", specifier: "@tensorflow/tfjs" });
    expect(parsePackageSpecifier("d3-array/src/sum.js")).toEqual({ name: "d3-array", specifier: "d3-array/src/sum.js" });
    expect(parsePackageSpecifier("@scope/name@1/sub")).toEqual({ name: "@scope/name", specifier: "@scope/name/sub" });
  });

  it("refuses what is not a package name", () => {
    expect(parsePackageSpecifier("")).toBeUndefined();
    expect(parsePackageSpecifier("d3/../../etc")).toBeUndefined();
    expect(parsePackageSpecifier("has space")).toBeUndefined();
  });
});

describe("the packages notebooks import", () => {
  it("are found in the code cells of every notebook under the root, npm: and bare, never files, URLs, Markdown or node_modules", () => {
    const root = mkdtempSync(join(tmpdir(), "exemplar-imports-"));
    folders.push(root);
    mkdirSync(join(root, "lessons"));
    mkdirSync(join(root, "node_modules/x"), { recursive: true });
    writeFileSync(join(root, "a.html"), '<notebook><script type="module">import * as d3 from "npm:d3@7";\nimport {x} from "./x.js";\nimport y from "https://esm.sh/y";</script></notebook>');
    writeFileSync(join(root, "lessons/b.html"), "<notebook><script type=\"module\">import {csvParse} from 'd3-dsv';\nconst m = await import(\"npm:@scope/pkg/sub\");\nimport {z} from \"jsr:@std/z\";</script><script type=\"text/markdown\">import x from \"jsdom\"</script></notebook>");
    writeFileSync(join(root, "node_modules/x/c.html"), '<script type="module">import "left-pad";</script>');
    expect(importedPackages(root)).toEqual(["@scope/pkg/sub", "d3", "d3-dsv"]);
  });

  it("include those of the modules beside the notebooks, Kit's CDN addresses named by their package", () => {
    const root = mkdtempSync(join(tmpdir(), "exemplar-imports-"));
    folders.push(root);
    writeFileSync(join(root, "scrubber.js"), 'import {disposal} from "https://cdn.jsdelivr.net/npm/@observablehq/inputs/+esm";\nimport {html} from "npm:htl@1";\nimport {x} from "./x.js";');
    writeFileSync(join(root, "broken.js"), "export const = 1;");
    writeFileSync(join(root, "ojs.html"), '<notebook><script type="application/vnd.observable.javascript">d3 = require("d3-geo@2", "d3-ease")</script></notebook>');
    expect(importedPackages(root)).toEqual(["@observablehq/inputs", "d3-ease", "d3-geo", "htl"]);
  });
});

describe("the resolver's answers", () => {
  const checks = { installed: (name: string) => name !== "nowhere", resolves: async (specifier: string) => specifier !== "d3/no-such-file", bundled: (specifier: string) => specifier !== "fresh" };

  it("gives a bundled package's address", async () => {
    expect(await resolvePackage("npm:d3-dsv@3", checks)).toEqual({ url: "/@exemplar/package/d3-dsv" });
  });

  it("names a missing package and the command that installs it", async () => {
    expect(await resolvePackage("npm:nowhere", checks)).toEqual({ error: 'package "nowhere" is not installed: add it with npm install nowhere' });
  });

  it("says which module of an installed package is missing, and when a restart would bundle one", async () => {
    expect((await resolvePackage("d3/no-such-file", checks)).error).toMatch(/installed but has no module "d3\/no-such-file"/);
    expect((await resolvePackage("fresh", checks)).error).toMatch(/restart the server \(npm start\)/);
  });
});
