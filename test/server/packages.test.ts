// Packages a cell imports in the page: specifiers parsed, bundle addresses, and what the resolver
// answers for each kind of package, with bundles built by esbuild from the installed copies.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageBundles, resolvePackage } from "../../src/server/package-bundles.ts";
import { bundleUrl, installedVersion, parseBundlePath, parsePackageSpecifier } from "../../src/server/packages.ts";
import { SHARED_PACKAGES } from "../../src/server/shared-packages.ts";
import { projectRoot } from "../helpers/notebooks.ts";

const cache = mkdtempSync(join(tmpdir(), "exemplar-bundles-"));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe("package specifiers", () => {
  it("drops npm: and the version, keeps the scope and the subpath", () => {
    expect(parsePackageSpecifier("npm:d3@7")).toEqual({ name: "d3", specifier: "d3", subpath: "" });
    expect(parsePackageSpecifier("npm:@tensorflow/tfjs@4.22.0")).toEqual({ name: "@tensorflow/tfjs", specifier: "@tensorflow/tfjs", subpath: "" });
    expect(parsePackageSpecifier("d3-array/src/sum.js")).toEqual({ name: "d3-array", specifier: "d3-array/src/sum.js", subpath: "src/sum.js" });
    expect(parsePackageSpecifier("@scope/name@1/sub")).toEqual({ name: "@scope/name", specifier: "@scope/name/sub", subpath: "sub" });
  });

  it("refuses what is not a package name", () => {
    expect(parsePackageSpecifier("")).toBeUndefined();
    expect(parsePackageSpecifier("d3/../../etc")).toBeUndefined();
    expect(parsePackageSpecifier("d3/./x")).toBeUndefined();
    expect(parsePackageSpecifier("has space")).toBeUndefined();
  });
});

describe("bundle addresses", () => {
  it("name the installed version, and read back to the same package, version and subpath", () => {
    expect(bundleUrl("d3-dsv", "3.0.2", "")).toBe("/npm/d3-dsv@3.0.2.js");
    expect(bundleUrl("@scope/x", "1.0.0", "sub/y")).toBe("/npm/@scope/x@1.0.0/sub/y.js");
    expect(parseBundlePath("d3-dsv@3.0.2.js")).toEqual({ name: "d3-dsv", version: "3.0.2", subpath: "" });
    expect(parseBundlePath("@scope/x@1.0.0/sub/y.js")).toEqual({ name: "@scope/x", version: "1.0.0", subpath: "sub/y" });
  });

  it("are nothing else: no version, no .js, or a .. segment", () => {
    for (const rest of ["d3-dsv.js", "d3-dsv@3.0.2", "d3-dsv@3.0.2/../../x.js", "d3@7/./x.js", "../x@1.js"]) expect(parseBundlePath(rest), rest).toBeUndefined();
  });
});

describe("the resolver's answers", () => {
  const bundles = packageBundles({ external: SHARED_PACKAGES, cacheFolder: cache });

  it("gives an installed package's bundle address with its installed version, and the bundle is an ES module", async () => {
    const version = installedVersion("d3-dsv", projectRoot)!;
    expect(await resolvePackage("npm:d3-dsv@3", { bundles })).toEqual({ url: `/npm/d3-dsv@${version}.js` });
    const code = (await bundles.bundle("d3-dsv", version, "")).toString("utf8");
    expect(code).toMatch(/export\s*\{/);
    expect(code).toContain("csvParse");
  });

  it("leaves the shared packages to the page's import map: a bundle imports them by name", async () => {
    // tfjs's wasm backend is not shared, and is built on tfjs-core, which is
    const shared = (await bundles.bundle("@tensorflow/tfjs-backend-wasm", installedVersion("@tensorflow/tfjs-backend-wasm", projectRoot)!, "")).toString("utf8");
    expect(shared).toMatch(/from\s*"@tensorflow\/tfjs-core"/);
  });

  it("names a missing package and the command that installs it", async () => {
    expect(await resolvePackage("npm:nowhere-to-be-found", { bundles })).toEqual({ error: 'package "nowhere-to-be-found" is not installed: add it with npm install nowhere-to-be-found' });
  });

  it("says why an installed package's module cannot be bundled, and refuses a version that is not installed", async () => {
    expect((await resolvePackage("d3-dsv/no-such-file", { bundles })).error).toMatch(/"d3-dsv\/no-such-file" could not be bundled for the browser: .*no-such-file/);
    await expect(bundles.bundle("d3-dsv", "0.0.1", "")).rejects.toThrow(/installed at version .*, not 0\.0\.1/);
  });
});
