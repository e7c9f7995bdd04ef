import { describe, expect, it } from "vitest";
import { createLocalModuleLoader, localImportsOf, localModuleGraph, moduleImportsOf, packageSpecifierOf, resolveLocalModule, type LocalModuleHost } from "../../src/runtime/local-modules.ts";

describe("the path rule for local modules", () => {
  it("resolves relative to the importing file, and ../ may reach a sibling folder inside the root", () => {
    expect(resolveLocalModule("lessons/spiral.html", "./helper.js")).toBe("lessons/helper.js");
    expect(resolveLocalModule("lessons/spiral.html", "../lib/x.js")).toBe("lib/x.js");
    expect(resolveLocalModule("lib/x.js", "./y/../z.js")).toBe("lib/z.js");
  });

  it("refuses a path that leaves the root, or an absolute one", () => {
    expect(() => resolveLocalModule("lessons/spiral.html", "../../etc/passwd.js")).toThrow(/leads outside the notebook root/);
    expect(() => resolveLocalModule("spiral.html", "/etc/x.js")).toThrow(/relative to the notebook/);
  });
});

describe("a module's imports", () => {
  it("are found in static imports, re-exports and literal dynamic imports, with their place", () => {
    const source = 'import {a} from "./a.js";\nexport * from "npm:d3@7";\nexport {b} from "../b.js";\nconst c = import("htl");\nconst d = import(name);';
    expect(moduleImportsOf(source).map((each) => each.specifier)).toEqual(["./a.js", "npm:d3@7", "../b.js", "htl"]);
  });

  it("name an installed package whether bare, npm: with a version, or Kit's CDN address; other URLs and builtins name none", () => {
    expect(packageSpecifierOf("https://cdn.jsdelivr.net/npm/@observablehq/inputs/+esm")).toBe("@observablehq/inputs");
    expect(packageSpecifierOf("npm:d3-geo@2")).toBe("d3-geo");
    expect(packageSpecifierOf("htl")).toBe("htl");
    expect(packageSpecifierOf("https://example.com/x.js")).toBeUndefined();
    expect(packageSpecifierOf("node:fs")).toBeUndefined();
  });

  it("a notebook's literal local imports are found in its code cells without compiling them", () => {
    const cells = [
      { mode: "js", value: 'import {Scrubber} from "./scrubber.js";' },
      { mode: "ts", value: "const m = await import('../lib/m.js');" },
      { mode: "md", value: 'Write `import x from "./not-code.js"`.' },
      { mode: "js", value: 'import * as d3 from "npm:d3";' }
    ];
    expect(localImportsOf(cells)).toEqual(["./scrubber.js", "../lib/m.js"]);
  });
});

/** A host over files in memory; modules become data: URLs, as in Node. */
function memoryHost(files: Record<string, string>, extra: Partial<LocalModuleHost> = {}): LocalModuleHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (path) => {
      reads.push(path);
      if (!(path in files)) throw new Error(`cannot import "${path}": file not found`);
      return { source: files[path], version: `v-${files[path].length}` };
    },
    importPackage: async (specifier) => ({ name: specifier, version: 1, default: `default of ${specifier}` }),
    moduleUrl: (source) => `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`,
    fileUrl: (path) => `file:///root/${path}`,
    ...extra
  };
}

describe("loading local modules", () => {
  it("imports a module with its local imports and packages, each module read once", async () => {
    const host = memoryHost({
      "lib/a.js": 'import {b} from "./b.js";\nimport pkg, {name} from "https://cdn.jsdelivr.net/npm/d3@7/+esm";\nexport const value = b + 1;\nexport const from = name + " " + pkg;\nexport const url = import.meta.url;',
      "lib/b.js": "export const b = 41;"
    });
    const loader = createLocalModuleLoader(host);
    const module = (await loader.import("lib/a.js")) as Record<string, unknown>;
    expect(module).toMatchObject({ value: 42, from: "d3 default of d3", url: "file:///root/lib/a.js" });
    await loader.import("lib/a.js");
    expect(host.reads).toEqual(["lib/a.js", "lib/b.js"]);
  });

  it("refuses a module that changed since it was trusted", async () => {
    const host = memoryHost({ "a.js": "export const a = 1;" }, { pinned: new Map([["a.js", "v-an-older-version"]]) });
    await expect(createLocalModuleLoader(host).import("a.js")).rejects.toThrow("a.js changed on disk since this notebook was trusted");
  });

  it("a cycle of local modules, a syntax error and a path out of the root are errors naming the files", async () => {
    const loader = createLocalModuleLoader(
      memoryHost({ "a.js": 'import "./b.js";', "b.js": 'import "./a.js";', "bad.js": "export const = 1;", "out.js": 'import "../../x.js";' })
    );
    await expect(loader.import("a.js")).rejects.toThrow("local modules import each other in a cycle: a.js → b.js → a.js");
    await expect(loader.import("bad.js")).rejects.toThrow(/^bad\.js 1:14: Unexpected token/);
    await expect(loader.import("out.js")).rejects.toThrow(/leads outside the notebook root/);
  });

  it("the graph of a notebook's modules lists each with its version and packages; a missing one has no version", async () => {
    const host = memoryHost({ "lib/a.js": 'import "./b.js";\nimport "npm:htl";', "lib/b.js": "export {}" });
    const graph = await localModuleGraph("lessons/n.html", ["../lib/a.js", "./missing.js", "d3"], host.read);
    expect(graph).toEqual([
      { path: "lessons/missing.js", packages: [] },
      { path: "lib/a.js", version: expect.any(String), packages: ["htl"] },
      { path: "lib/b.js", version: expect.any(String), packages: [] }
    ]);
  });
});
