// Bundles bench/gpu.mjs into one file for a machine that has a GPU but no Node project: tfjs and
// the kit inside, the optional `webgpu` package (Dawn) left outside, to sit beside it in
// node_modules/webgpu. `--ignore-annotations` keeps tfjs's side-effect imports (its backends
// register themselves on import); the banner gives the ES module a `require` for tfjs's own.
//
//   node bench/bundle-gpu.mjs [OUT]      (default .gpu/gpu.mjs)
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

export async function bundleGpuBench(out) {
  await build({
    entryPoints: [fileURLToPath(new URL("./gpu.mjs", import.meta.url))],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["webgpu"],
    ignoreAnnotations: true,
    logLevel: "error",
    banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" }
  });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await bundleGpuBench(process.argv[2] ?? ".gpu/gpu.mjs");
  console.log(`bundled bench/gpu.mjs into ${out}: run it with node beside node_modules/webgpu (see bench/README.md)`);
}
