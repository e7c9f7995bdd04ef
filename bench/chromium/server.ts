// Serves the benchmark page with Vite. A URL with `?isolated` gets the cross-origin isolation
// headers (COOP/COEP) that SharedArrayBuffer, and so the wasm backend's threads, need; without it
// the same page runs wasm on one thread.
import { fileURLToPath } from "node:url";
import { createServer, type Plugin, type ViteDevServer } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

function isolationHeaders(): Plugin {
  return {
    name: "exemplar-bench-isolation",
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        // A worker of an isolated page must be served isolated too, or it is blocked.
        if (request.url?.includes("isolated") || (request.url?.includes("worker") && request.headers.referer?.includes("isolated"))) {
          response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
          response.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
        }
        next();
      });
    }
  };
}

export async function serveBenchPage(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: `${here}page`,
    cacheDir: `${root}node_modules/.vite-bench`,
    logLevel: "error",
    plugins: [isolationHeaders()],
    server: { host: "127.0.0.1", port: 0, strictPort: false, fs: { allow: [root] }, hmr: false },
    optimizeDeps: { include: ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "@tensorflow/tfjs-backend-webgpu", "@observablehq/runtime", "@observablehq/notebook-kit", "acorn", "acorn-walk", "d3-dsv", "markdown-it"] }
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("the bench page server did not report its address");
  return { url, close: () => server.close() };
}
