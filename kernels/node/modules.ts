// How `import` in a cell loads modules in Node: modules beside the notebook through the local
// module loader (src/runtime/local-modules.ts: relative to the notebook, never out of the root,
// real paths checked as the file API checks them), `npm:` and bare names from the installed
// packages (the same tfjs instance as the `tf` builtin).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createLocalModuleLoader, isLocalSpecifier, resolveLocalModule } from "../../src/runtime/local-modules.ts";
import { diskFiles } from "./files.ts";

const here = dirname(fileURLToPath(import.meta.url));

export interface NodeModuleOptions {
  /** the notebook file */
  notebookPath: string;
  /** the folder local modules must stay in (after symbolic links are resolved) */
  root: string;
}

export function createNodeModuleLoader({ notebookPath, root }: NodeModuleOptions): (specifier: string) => Promise<unknown> {
  const notebook = relative(root, resolve(notebookPath)).split(sep).join("/");
  const disk = diskFiles(root);
  const local = createLocalModuleLoader({
    read: async (path) => ({ source: await readFile(await disk.realPath(path), "utf8") }),
    importPackage,
    moduleUrl: (source, name) => `data:text/javascript;base64,${Buffer.from(`${source}\n//# sourceURL=${name}`).toString("base64")}`,
    fileUrl: (path) => pathToFileURL(join(root, path)).href,
    root
  });
  return (specifier) => (isLocalSpecifier(specifier) ? local.import(resolveLocalModule(notebook, specifier, root)) : importPackage(specifier));
}

async function importPackage(specifier: string): Promise<unknown> {
  if (/^https?:\/\//.test(specifier)) {
    throw new Error(`cannot import "${specifier}": the Node kernel loads only installed packages and local files`);
  }
  if (/^[a-z][\w+.-]*:/i.test(specifier) && !/^(npm|node):/.test(specifier)) {
    throw new Error(`cannot import "${specifier}": only npm: packages, files beside the notebook and full URLs can be imported`);
  }
  const target = specifier.replace(/^npm:/, "");
  const name = packageName(target);
  if (!target.startsWith("node:") && !isInstalled(name)) throw new Error(`package "${name}" is not installed: add it with npm install ${name}`);
  return import(target);
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
