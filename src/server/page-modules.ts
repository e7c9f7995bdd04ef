// How the page's modules are served: the TypeScript compiler swapped for a stand-in that loads it
// on demand, and pre-bundled dependencies minified and without source maps (Vite would otherwise
// inline a map as large as the code into every one), so a notebook's first output needs little JS.
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const TYPESCRIPT_STAND_IN = fileURLToPath(new URL("../../kernels/browser/typescript.ts", import.meta.url));

/** Resolves `import … from "typescript"` to the stand-in, in the page only (Node and tests get the compiler). */
export function typeScriptStandIn(): Plugin {
  return {
    name: "exemplar:typescript-stand-in",
    enforce: "pre",
    applyToEnvironment: (environment) => environment.config.consumer === "client",
    resolveId: (id) => (id === "typescript" ? TYPESCRIPT_STAND_IN : undefined)
  };
}

/** The same, for the pre-bundling of dependencies that import it (Kit's transpile). */
export function typeScriptStandInForDependencies() {
  return { name: "exemplar:typescript-stand-in", resolveId: (id: string) => (id === "typescript" ? TYPESCRIPT_STAND_IN : undefined) };
}

/** Serves pre-bundled dependencies without a source map. */
export function dependenciesWithoutSourceMaps(): Plugin {
  return {
    name: "exemplar:dependencies-without-source-maps",
    enforce: "post",
    applyToEnvironment: (environment) => environment.config.consumer === "client",
    transform(code, id) {
      // Vite keeps the loaded map when the code comes back unchanged, hence the added line.
      if (id.startsWith(`${this.environment.config.cacheDir}/deps/`)) return { code: `${code}\n`, map: { mappings: "" } };
    }
  };
}
