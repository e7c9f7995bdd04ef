// The static page of an export (src/export/site), bundled by Vite with relative addresses so it
// works from any folder of any static host. Packages loaded on demand that no cell of the notebook
// can reach are left out (a stub that explains itself stands in), and TypeScript too when no cell
// is TypeScript: they are most of the bundle's size and of the time it takes.
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "vite";
import { OPTIONAL_PACKAGES, type NotebookNeeds } from "../../src/export/notebook-needs.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const OMITTED = "\0exemplar-omitted:";

/** Bundles the static page into `out` (emptied first); returns the packages left out. */
export async function bundleStaticPage(out: string, needs: NotebookNeeds): Promise<string[]> {
  const omitted = OPTIONAL_PACKAGES.filter((name) => !needs.packages.includes(name));
  if (!needs.typescript) omitted.push("typescript");
  await build({
    configFile: `${projectRoot}vite.config.ts`,
    root: `${projectRoot}src/export/site`,
    base: "./",
    logLevel: "warn",
    plugins: [leaveOut(omitted, needs.typescript ? [] : await typeScriptNames())],
    build: { outDir: out, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 1 << 20 }
  });
  return omitted;
}

/** Resolves each omitted package, where our own code loads it, to a module that throws why. */
function leaveOut(packages: string[], typeScriptExports: string[]): Plugin {
  const omitted = new Set(packages);
  return {
    name: "exemplar-export-leave-out",
    enforce: "pre",
    resolveId(source, importer) {
      // A bare name, or the path an alias of the app's config gives it (danfojs has one).
      // (A bare name may have a path and a query: "@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url".)
      const name = /^((?:@[^/]+\/)?[^/?.][^/?]*)/.exec(source)?.[1] ?? /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
      if (!name || !omitted.has(name)) return null;
      // Kit imports TypeScript; other packages' own imports (Plot's d3, say) stay as they are.
      const ours = importer !== undefined && importer.startsWith(projectRoot) && !importer.includes("/node_modules/");
      return ours || name === "typescript" ? OMITTED + name + (source.endsWith("?url") ? "?url" : "") : null;
    },
    load(id) {
      if (!id.startsWith(OMITTED)) return null;
      const name = id.slice(OMITTED.length).replace(/\?url$/, "");
      if (id.endsWith("?url")) return "export default '';"; // a worker or wasm file of a package left out
      if (name === "typescript") {
        // Kit imports names from TypeScript statically; each one fails only when used.
        const fail = "() => { throw new Error(\"TypeScript cells are not part of this export\"); }";
        return [`const unavailable = ${fail};`, "export default new Proxy({}, { get: () => unavailable });", `export { ${typeScriptExports.map((key) => `unavailable as ${key}`).join(", ")} };`].join("\n");
      }
      return `throw new Error(${JSON.stringify(`${name} is not part of this export: no cell of the notebook used it when it was built`)});`;
    }
  };
}

async function typeScriptNames(): Promise<string[]> {
  const typescript = (await import("typescript")).default as unknown as Record<string, unknown>;
  return Object.keys(typescript).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== "default");
}
