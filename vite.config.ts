// One Vite config for the app's build (src/server/app-build.ts, which `npm start` serves), the
// development server (`npm run dev`) and the tests (`npm test` runs vitest with it).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { SHARED_PACKAGES } from "./src/server/shared-packages.ts";
import { dependenciesWithoutSourceMaps, typeScriptStandIn, typeScriptStandInForDependencies } from "./src/server/page-modules.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const CROSS_ORIGIN_ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

export default defineConfig({
  root: `${here}src/app`,
  resolve: {
    // danfojs's default browser bundle embeds a second tfjs (3.x); its source build shares ours.
    alias: [{ find: /^danfojs$/, replacement: `${here}node_modules/danfojs/dist/danfojs-browser/src/index.js` }]
  },
  plugins: [typeScriptStandIn(), dependenciesWithoutSourceMaps()],
  // Cross-origin isolated (COOP/COEP), so SharedArrayBuffer exists and tfjs's wasm backend can
  // use threads; everything the page loads is its own, so nothing needs a cross-origin grant.
  server: { host: "127.0.0.1", fs: { allow: [here] }, headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  // The trainer's Web Worker (kernels/browser/trainer-worker.ts) is a module worker with top-level
  // await and tfjs of its own (a worker has no import map to share the page's). Mangled, not
  // compressed, like the page: tfjs's threaded wasm starts its own workers from a function's source.
  worker: { format: "es", rolldownOptions: { output: { minify: { compress: false, mangle: true } } } },
  optimizeDeps: {
    // Everything a cell may load lazily is bundled up front: a package discovered only when a cell
    // first asks for it would make Vite re-bundle and reload the page, losing the running notebook.
    include: [
      // The packages the page and every package bundle share (one instance each), then the rest of
      // the library map (kernels/browser/library-map.ts) and the page's own.
      ...SHARED_PACKAGES,
      "@tensorflow/tfjs-backend-wasm",
      "@tensorflow/tfjs-backend-webgpu",
      "@observablehq/inspector",
      "@observablehq/runtime",
      "@observablehq/notebook-kit",
      "d3-dsv",
      "markdown-it",
      "acorn",
      "acorn-walk",
      // DuckDBClient in the page (kernels/browser/duckdb.ts); its worker and wasm are served as files
      "@duckdb/duckdb-wasm",
      "hyparquet",
      // loaded only for TypeScript cells (kernels/browser/typescript-compiler.ts)
      "typescript/lib/typescript.js"
    ],
    rolldownOptions: { plugins: [typeScriptStandInForDependencies()], output: { minify: { compress: false, mangle: true } } }
  },
  test: {
    root: here,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          root: here,
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "node_modules/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000
        }
      },
      {
        // Real Chromium against a real Vite server, one file at a time, after the unit tests
        // (both would compete for this machine's two cores).
        extends: true,
        test: {
          name: "e2e",
          root: here,
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-setup.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 180_000,
          hookTimeout: 180_000
        }
      }
    ]
  }
});
