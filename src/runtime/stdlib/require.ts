// Observable's classic `require` (d3-require), which Observable JavaScript cells from
// observablehq.com still call (`d3 = require("d3@6")`), over the kernel's own module loader: the
// installed package, never a CDN. As with `npm:` imports, a version in the name is ignored; several
// names merge into one object, as d3-require does.
import { withoutVersion } from "../specifiers.ts";

export type ModuleLoader = (specifier: string) => Promise<unknown>;

export function createRequire(load: ModuleLoader) {
  const one = (name: string) => load(withoutVersion(name));
  const require = (...names: string[]): Promise<unknown> => {
    if (names.length === 1) return one(names[0]);
    return Promise.all(names.map(one)).then((modules) => Object.assign({}, ...(modules as object[])));
  };
  // Aliases name other versions on a CDN; here there is only the installed one.
  require.alias = () => require;
  return require;
}
