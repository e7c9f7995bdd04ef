// The packages `import` in a cell can name in the page, each mapped to the installed copy (so
// nothing comes from a CDN, and "@tensorflow/tfjs" is the very instance the `tf` builtin is, on
// the notebook's backend). Add a package here to make it importable; `npm:name` works the same.
import { loadTensorflow } from "./tensorflow.ts";

export const libraryModules: Record<string, () => Promise<unknown>> = {
  "@tensorflow/tfjs": () => loadTensorflow(),
  "@tensorflow/tfjs-vis": async () => (await loadTensorflow(), import("@tensorflow/tfjs-vis")),
  danfojs: async () => (await loadTensorflow(), import("danfojs")),
  "@observablehq/inputs": () => import("@observablehq/inputs"),
  "@observablehq/plot": () => import("@observablehq/plot"),
  d3: () => import("d3"),
  htl: () => import("htl")
};

/** The loader for a package specifier ("d3", "npm:d3", "d3@7"), or undefined if it is not mapped. */
export function libraryModule(specifier: string): (() => Promise<unknown>) | undefined {
  const bare = specifier.replace(/^npm:/, "");
  return libraryModules[bare] ?? libraryModules[withoutVersion(bare)];
}

function withoutVersion(specifier: string): string {
  const at = specifier.indexOf("@", specifier.startsWith("@") ? 1 : 0);
  if (at < 0) return specifier;
  const slash = specifier.indexOf("/", at);
  return specifier.slice(0, at) + (slash < 0 ? "" : specifier.slice(slash));
}
