// How `import` in a cell loads modules in Node: relative paths from the notebook's folder, inside
// the root (src/notebook/notebook-paths.ts, then the real path), `npm:` and bare names from the
// installed packages (the same tfjs instance as the `tf` builtin).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** `localFileUrl` gives the file: URL of a module a notebook names ("./helpers.js"), or refuses it. */
export function createNodeModuleLoader(localFileUrl: (name: string) => Promise<string>): (specifier: string) => Promise<unknown> {
  return async (specifier) => {
    if (/^https?:\/\//.test(specifier)) {
      throw new Error(`cannot import "${specifier}": the Node kernel loads only installed packages and local files`);
    }
    if (/^(\.{1,2}\/|\/)/.test(specifier)) return import(await localFileUrl(specifier));
    const name = packageName(specifier);
    if (!/^[a-z]+:/.test(specifier) && !isInstalled(name)) throw new Error(`package "${name}" is not installed: add it with npm install ${name}`);
    return import(specifier);
  };
}

/** Whether `name` is in a node_modules folder that Exemplar's own imports resolve from. */
function isInstalled(name: string): boolean {
  for (let folder = here; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "node_modules", name, "package.json"))) return true;
    if (dirname(folder) === folder) return false;
  }
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}
