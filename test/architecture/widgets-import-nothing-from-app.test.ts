// Dependencies point down: widgets (src/widgets) sit below the page (src/app) and reach it only
// through the WidgetHost interface the page implements. This reads every widget module's imports
// (static, re-exports and dynamic import()) and follows them through the project's own files: no
// path from a widget may lead into src/app.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const APP = join(root, "src/app") + "/";

function modulesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.ts$/.test(name) && !name.endsWith(".d.ts"))
    .map((name) => join(folder, name));
}

/** The project files a module imports (packages are left out: they cannot reach src/app). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles.map(({ fileName }) => fileName).filter((name) => name.startsWith(".")).map((name) => resolve(dirname(file), name)).filter((path) => path.endsWith(".ts"));
}

/** Each path from `start` into src/app, as the chain of files that leads there. */
function pathsIntoApp(start: string): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of importsOf(file)) {
      if (imported.startsWith(APP)) found.push([...chain, imported]);
      else walk(imported, [...chain, imported]);
    }
  };
  walk(start, [start]);
  return found;
}

describe("widgets and the page", () => {
  const widgets = modulesUnder(join(root, "src/widgets"));

  it("reads the widget modules and their imports (the check below has something to check)", () => {
    expect(widgets.length).toBeGreaterThan(10);
    expect(importsOf(join(root, "src/widgets/render.ts"))).toContain(join(root, "src/widgets/widget.ts"));
  });

  it("no widget module imports anything from src/app, directly or through another module", () => {
    const chains = widgets.flatMap(pathsIntoApp).map((chain) => chain.map((file) => relative(root, file)).join(" → "));
    expect(chains).toEqual([]);
  });
});
