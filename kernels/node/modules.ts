// How `import` in a cell loads modules in Node: modules beside the notebook through the local
// module loader (src/runtime/local-modules.ts: relative to the notebook, never out of the root),
// `npm:` and bare names from the installed packages (the same tfjs instance as the `tf` builtin).
import { readFile, realpath } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { createLocalModuleLoader, isLocalSpecifier, resolveLocalModule } from "../../src/runtime/local-modules.ts";

export interface NodeModuleOptions {
  /** the notebook file */
  notebookPath: string;
  /** the folder local modules must stay in (after symbolic links are resolved) */
  root: string;
}

export function createNodeModuleLoader({ notebookPath, root }: NodeModuleOptions): (specifier: string) => Promise<unknown> {
  const notebook = relative(root, resolve(notebookPath)).split(sep).join("/");
  const local = createLocalModuleLoader({
    read: async (path) => ({ source: await readFile(await confined(root, path), "utf8") }),
    importPackage,
    moduleUrl: (source, name) => `data:text/javascript;base64,${Buffer.from(`${source}\n//# sourceURL=${name}`).toString("base64")}`,
    fileUrl: (path) => pathToFileURL(join(root, path)).href
  });
  return (specifier) => (isLocalSpecifier(specifier) ? local.import(resolveLocalModule(notebook, specifier)) : importPackage(specifier));
}

async function importPackage(specifier: string): Promise<unknown> {
  if (/^https?:\/\//.test(specifier)) {
    throw new Error(`cannot import "${specifier}": the Node kernel loads only installed packages and local files`);
  }
  if (/^[a-z][\w+.-]*:/i.test(specifier) && !/^(npm|node):/.test(specifier)) {
    throw new Error(`cannot import "${specifier}": only npm: packages, files beside the notebook and full URLs can be imported`);
  }
  const target = specifier.replace(/^npm:/, "");
  try {
    return await import(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" && String((error as Error).message).includes(`'${packageName(target)}'`)) {
      throw new Error(`package "${packageName(target)}" is not installed: add it with npm install ${packageName(target)}`);
    }
    throw error;
  }
}

/** The real path of `path` under `root`; refused when it (or a link in it) leads out of the root. */
async function confined(root: string, path: string): Promise<string> {
  const [realRoot, real] = await Promise.all([realpath(root), realpath(join(root, path)).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === "ENOENT" ? `cannot import "${path}": file not found (tried ${join(root, path)})` : String(error));
  })]);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) throw new Error(`cannot import "${path}": it leads out of the notebook folder's root`);
  return real;
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}
