// How `import` in a cell loads modules in Node: relative paths from the notebook's folder, inside
// the root (src/notebook/notebook-paths.ts, then the real path), `npm:` and bare names from the
// installed packages (the same tfjs instance as the `tf` builtin).

/** `localFileUrl` gives the file: URL of a module a notebook names ("./helpers.js"), or refuses it. */
export function createNodeModuleLoader(localFileUrl: (name: string) => Promise<string>): (specifier: string) => Promise<unknown> {
  return async (specifier) => {
    if (/^https?:\/\//.test(specifier)) {
      throw new Error(`cannot import "${specifier}": the Node kernel loads only installed packages and local files`);
    }
    const target = /^(\.{1,2}\/|\/)/.test(specifier) ? await localFileUrl(specifier) : specifier;
    try {
      return await import(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ERR_MODULE_NOT_FOUND" && !target.startsWith("file:") && String((error as Error).message).includes(`'${packageName(specifier)}'`)) {
        throw new Error(`package "${packageName(specifier)}" is not installed: add it with npm install ${packageName(specifier)}`);
      }
      throw error;
    }
  };
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}
