// Packages the page and every package bundle share, one instance each: the app's build gives each
// an entry of its own and the page's import map points there, so a package a notebook imports
// (bundled by package-bundles.ts with these left out) uses the very tfjs, d3, … the builtins are.
export const SHARED_PACKAGES = [
  "@tensorflow/tfjs",
  "@tensorflow/tfjs-core",
  "@tensorflow/tfjs-layers",
  "@tensorflow/tfjs-converter",
  "@tensorflow/tfjs-data",
  "@tensorflow/tfjs-backend-cpu",
  "@tensorflow/tfjs-backend-webgl",
  "@tensorflow/tfjs-vis",
  "danfojs",
  "@observablehq/inputs",
  "@observablehq/plot",
  "apache-arrow",
  "d3",
  "htl",
  "katex",
  "lodash",
  "topojson-client"
] as const;
