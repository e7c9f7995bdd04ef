// How `import` in a cell loads modules in the page (compiled cells call `__exemplar_import`):
// packages through the library map, relative paths through the file API from the notebook's folder.
import { libraryModule } from "./library-map.ts";

export interface BrowserModuleOptions {
  /** the address the file API serves a notebook-relative file at */
  fileUrl: (path: string) => string;
}

export function createBrowserModuleLoader({ fileUrl }: BrowserModuleOptions): (specifier: string) => Promise<unknown> {
  return async (specifier) => {
    const packaged = libraryModule(specifier);
    if (packaged) return packaged();
    if (/^\.{1,2}\//.test(specifier)) return import(/* @vite-ignore */ fileUrl(specifier));
    if (/^(https?:)?\/\//.test(specifier)) {
      throw new Error(`cannot import "${specifier}": Exemplar runs offline and loads only installed packages and files beside the notebook`);
    }
    throw new Error(`cannot import "${specifier}": it is not one of the packages a notebook can import (see kernels/browser/library-map.ts)`);
  };
}
