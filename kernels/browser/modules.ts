// How `import` in a cell loads modules in the page (compiled cells call `__exemplar_import`): the
// library's packages through the library map (the very instances the builtins are), modules
// beside the notebook through the file API and the local module loader (their own imports resolved
// the same way; src/runtime/local-modules.ts), any other installed package through the server's
// resolver (src/server/packages.ts), and a full URL only because the cell's author wrote one.
import { FileNotFoundError } from "../../src/notebook/notebook-files.ts";
import { createLocalModuleLoader, isLocalSpecifier, resolveLocalModule } from "../../src/runtime/local-modules.ts";
import { libraryModule } from "./library-map.ts";

export interface BrowserModuleOptions {
  /** the notebook's path under the root: relative imports resolve from its folder */
  notebookPath: string;
  /** reads a root-relative file (the file API, or an export's files) */
  read: (path: string) => Promise<Response>;
  /** the address a root-relative file is served at */
  fileUrl: (path: string) => string;
  /** versions the notebook's modules had when it was trusted; a module changed since is refused */
  pinnedModules?: ReadonlyMap<string, string>;
  /** asks the server where an installed package is served; default the app's resolver */
  resolvePackage?: (specifier: string) => Promise<Response>;
}

const RESOLVER = "/api/packages/resolve";

export function createBrowserModuleLoader({ notebookPath, read, fileUrl, pinnedModules, resolvePackage = (specifier) => fetch(`${RESOLVER}?specifier=${encodeURIComponent(specifier)}`) }: BrowserModuleOptions): (specifier: string) => Promise<unknown> {
  const packages = new Map<string, Promise<unknown>>();
  const importPackage = (specifier: string) => {
    let loading = packages.get(specifier);
    if (!loading) {
      packages.set(specifier, (loading = importInstalled(specifier, resolvePackage)));
      loading.catch(() => packages.delete(specifier)); // after `npm install`, the next run tries again
    }
    return loading;
  };
  const load = async (specifier: string): Promise<unknown> => {
    const packaged = libraryModule(specifier);
    if (packaged) return packaged();
    if (isLocalSpecifier(specifier)) return local.import(resolveLocalModule(notebookPath, specifier, "the served folder"));
    if (/^[a-z][\w+.-]*:\/\//i.test(specifier)) return import(/* @vite-ignore */ specifier);
    if (specifier.startsWith("/")) throw new Error(`cannot import "${specifier}": use a path relative to the notebook ("./…") or a package name`);
    if (specifier.startsWith("jsr:")) {
      throw new Error(`cannot import "${specifier}": it would be fetched from the network (Kit loads jsr: packages from esm.sh); write its full URL in the cell to allow that`);
    }
    if (/^[a-z]+:/i.test(specifier) && !specifier.startsWith("npm:")) throw new Error(`cannot import "${specifier}": only npm: packages, files beside the notebook and full URLs can be imported`);
    return importPackage(specifier);
  };
  const local = createLocalModuleLoader({
    read: async (path) => {
      const response = await read(path).catch((error: unknown) => {
        throw error instanceof FileNotFoundError ? new Error(`cannot import "${path}": file not found (tried ${error.tried})`) : error;
      });
      if (!response.ok) throw new Error(`cannot import "${path}": ${response.status === 404 ? "file not found" : `HTTP ${response.status}`}`);
      return { source: await response.text(), version: response.headers.get("X-Exemplar-Version") ?? undefined };
    },
    importPackage: load,
    moduleUrl: (source, name) => URL.createObjectURL(new Blob([`${source}\n//# sourceURL=${name}`], { type: "text/javascript" })),
    fileUrl: (path) => new URL(fileUrl(path), location.href).href,
    pinned: pinnedModules,
    root: "the served folder"
  });
  return load;
}

async function importInstalled(specifier: string, resolvePackage: (specifier: string) => Promise<Response>): Promise<unknown> {
  const response = await resolvePackage(specifier);
  const answer = (await response.json().catch(() => ({ error: `the server did not say where "${specifier}" is (HTTP ${response.status})` }))) as { url?: string; error?: string };
  if (!answer.url) throw new Error(`cannot import "${specifier}": ${answer.error}`);
  return withNamedExports((await import(/* @vite-ignore */ answer.url)) as Record<string, unknown>);
}

/** A CommonJS package's bundle exports only `default`: its properties become named exports, as in Node. */
function withNamedExports(module: Record<string, unknown>): unknown {
  const keys = Object.keys(module);
  const exported = module.default;
  if (keys.length !== 1 || keys[0] !== "default" || exported === null || typeof exported !== "object") return module;
  return Object.freeze({ ...(exported as Record<string, unknown>), default: exported });
}
