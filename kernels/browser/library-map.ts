// The page's library: each package a notebook can name, mapped to the installed copy and loaded
// on first use (a notebook that never names d3 never downloads it; nothing comes from a CDN).
// Builtins (builtins.ts) and `import` in a cell (modules.ts) both load through this map, so
// `import * as tf from "npm:@tensorflow/tfjs"` is the very instance the `tf` builtin is, on the
// notebook's backend. Packages not listed here are imported through the server's resolver.
import { loadTensorflow } from "./tensorflow.ts";

export const libraryModules: Record<string, () => Promise<unknown>> = {
  "@tensorflow/tfjs": () => loadTensorflow(),
  "@tensorflow/tfjs-core": () => loadTensorflow(),
  "@tensorflow/tfjs-vis": async () => (await loadTensorflow(), import("@tensorflow/tfjs-vis")),
  danfojs: async () => (await loadTensorflow(), import("danfojs")),
  "@observablehq/inputs": async () => (await import("@observablehq/inputs/dist/index.css"), import("@observablehq/inputs")),
  "@observablehq/plot": () => import("@observablehq/plot"),
  d3: () => import("d3"),
  htl: () => import("htl"),
  lodash: () => import("lodash"),
  "topojson-client": () => import("topojson-client"),
  "apache-arrow": () => import("apache-arrow"),
  katex: async () => (await import("katex/dist/katex.min.css"), import("katex"))
};

/** The loader for a package specifier ("d3", "npm:d3", "d3@7"), or undefined if it is not mapped. */
export function libraryModule(specifier: string): (() => Promise<unknown>) | undefined {
  const bare = specifier.replace(/^npm:/, "");
  return libraryModules[bare] ?? libraryModules[withoutVersion(bare)];
}

/** Loads one of the library's packages. */
export function loadLibrary<T = Record<string, unknown>>(name: string): Promise<T> {
  return libraryModules[name]() as Promise<T>;
}

function withoutVersion(specifier: string): string {
  const at = specifier.indexOf("@", specifier.startsWith("@") ? 1 : 0);
  if (at < 0) return specifier;
  const slash = specifier.indexOf("/", at);
  return specifier.slice(0, at) + (slash < 0 ? "" : specifier.slice(slash));
}
