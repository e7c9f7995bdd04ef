// How `import` in a cell loads modules in the page (compiled cells call `__exemplar_import`): the
// library's packages through the library map (the very instances the builtins are), relative
// paths through the file API from the notebook's folder, any other installed package through the
// server's resolver (src/server/packages.ts), and a full URL only because the cell's author wrote one.
import { libraryModule } from "./library-map.ts";

export interface BrowserModuleOptions {
  /** the address the file API serves a notebook-relative file at */
  fileUrl: (path: string) => string;
  /** asks the server where an installed package is served; default the app's resolver */
  resolvePackage?: (specifier: string) => Promise<Response>;
}

const RESOLVER = "/api/packages/resolve";

export function createBrowserModuleLoader({ fileUrl, resolvePackage = (specifier) => fetch(`${RESOLVER}?specifier=${encodeURIComponent(specifier)}`) }: BrowserModuleOptions): (specifier: string) => Promise<unknown> {
  const packages = new Map<string, Promise<unknown>>();
  const importPackage = (specifier: string) => {
    let loading = packages.get(specifier);
    if (!loading) {
      packages.set(specifier, (loading = importInstalled(specifier, resolvePackage)));
      loading.catch(() => packages.delete(specifier)); // after `npm install`, the next run tries again
    }
    return loading;
  };
  return async (specifier) => {
    const packaged = libraryModule(specifier);
    if (packaged) return packaged();
    if (/^\.{1,2}\//.test(specifier)) return import(/* @vite-ignore */ fileUrl(specifier));
    if (/^[a-z][\w+.-]*:\/\//i.test(specifier)) return import(/* @vite-ignore */ specifier);
    if (specifier.startsWith("/")) throw new Error(`cannot import "${specifier}": use a path relative to the notebook ("./…") or a package name`);
    if (specifier.startsWith("jsr:")) {
      throw new Error(`cannot import "${specifier}": it would be fetched from the network (Kit loads jsr: packages from esm.sh); write its full URL in the cell to allow that`);
    }
    if (/^[a-z]+:/i.test(specifier) && !specifier.startsWith("npm:")) throw new Error(`cannot import "${specifier}": only npm: packages, files beside the notebook and full URLs can be imported`);
    return importPackage(specifier);
  };
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
