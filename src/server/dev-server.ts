// `npm run dev`: the app under Vite's dev server, with hot reload, for working on the app itself.
// The API is the product server's own route table (routes.ts), minus the built page, mounted in
// front of Vite. The notebook folder is neither watched (a save must not reload the page) nor
// served by Vite's /@fs/ (a notebook would run as a page of the app's origin): notebooks reach the
// page only through the file API, as in the product.
import { join } from "node:path";
import { createServer, type Plugin, type ViteDevServer } from "vite";
import { projectRoot } from "./app-build.ts";
import { handle, ServerStartError } from "./app-server.ts";
import { realRoot } from "./confine.ts";
import { packageBundles } from "./package-bundles.ts";
import { allowedHosts } from "./request-guards.ts";
import { ROUTES } from "./routes.ts";
import { openTrustRecord } from "./trust-record.ts";

export interface DevServerOptions {
  root: string;
  port?: number;
  host?: string;
}

/** The API routes only: Vite serves the page and its modules. */
const API_ROUTES = ROUTES.filter((route) => route.path !== "/" && route.path !== "/assets/");

export async function startDevServer({ root, port = 5173, host = "127.0.0.1" }: DevServerOptions): Promise<{ url: string; vite: ViteDevServer }> {
  const notebooks = await realRoot(root);
  const vite = await createServer({
    configFile: join(projectRoot, "vite.config.ts"),
    plugins: [api(root)],
    server: {
      host,
      port,
      strictPort: true,
      fs: { deny: [`${notebooks}/**`, `${root}/**`] },
      watch: { ignored: [`${notebooks}/**`, `${root}/**`] }
    }
  });
  await vite.listen().catch(async (error: Error) => {
    await vite.close();
    throw /already in use/.test(error.message) ? new ServerStartError(`port ${port} on ${host} is in use: choose another with --port N (or --port 0 for any free port)`) : error;
  });
  return { url: vite.resolvedUrls?.local[0] ?? `http://${host}:${port}/`, vite };
}

function api(root: string): Plugin {
  return {
    name: "exemplar:api",
    configureServer(server) {
      // No import map in development: package bundles carry their own copy of every dependency.
      const parts = { root, trust: openTrustRecord(), bundles: packageBundles({ external: [] }) };
      const hosts = allowedHosts(server.config.server.host);
      server.middlewares.use((request, response, next) => {
        const pathname = (request.url ?? "").split("?")[0];
        if (!API_ROUTES.some((route) => (route.prefix ? pathname.startsWith(route.path) : pathname === route.path))) return next();
        handle(request, response, { parts, routes: API_ROUTES, hosts });
      });
    }
  };
}
