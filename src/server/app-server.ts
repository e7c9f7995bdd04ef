// The notebook app's server: Node's own http server answering the route table (routes.ts) over the
// built page (app-build.ts), bound to 127.0.0.1 unless told otherwise. Every response carries the
// cross-origin isolation headers (COOP/COEP: SharedArrayBuffer, so tfjs's wasm backend can use
// threads) and refuses to be embedded by other sites.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, fileSystemError, sendError } from "./api-error.ts";
import type { AppBuild } from "./app-build.ts";
import { realRoot } from "./confine.ts";
import { sweepStaleTempFiles } from "./file-api.ts";
import { packageBundles } from "./package-bundles.ts";
import { allowedHosts, checkToken, guardRequest, LOOPBACK_HOSTS, tokenCookie, type HostPolicy } from "./request-guards.ts";
import { findRoute, ROUTES, trustedNotebook, type Route, type ServerParts } from "./routes.ts";
import { SHARED_PACKAGES } from "./shared-packages.ts";
import { openTrustRecord, type TrustRecord } from "./trust-record.ts";

export interface AppServerOptions {
  /** the folder of notebooks to serve */
  root: string;
  /** the built page; without it only the API answers */
  build?: AppBuild;
  port?: number;
  host?: string;
  /** required on every request; default: none on loopback, a random one on any other host */
  token?: string;
  /** host names besides the loopback ones and the configured host */
  hosts?: string[];
  /** where trust is recorded; default the user's state folder (trust-record.ts) */
  trust?: TrustRecord;
  maxBodyBytes?: number;
  routes?: readonly Route[];
}

export interface AppServer {
  /** the address to open; with a token, the address that carries it */
  url: string;
  port: number;
  token?: string;
  server: Server;
  close(): Promise<void>;
}

export const CROSS_ORIGIN_ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

/** Whether `host` is only reachable from this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return LOOPBACK_HOSTS.includes(host.toLowerCase()) || bare === "::1" || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

export class ServerStartError extends Error {}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const { root, build, port = 5173, host = "127.0.0.1", maxBodyBytes, routes = ROUTES } = options;
  await realRoot(root).catch(() => {
    throw new ServerStartError(`the notebook folder ${root} does not exist`);
  });
  const token = options.token ?? (isLoopback(host) ? undefined : randomBytes(24).toString("hex"));
  const parts: ServerParts = {
    root,
    build,
    trust: options.trust ?? openTrustRecord(),
    // With the page's import map, package bundles leave the shared packages to it.
    bundles: packageBundles({ external: build ? SHARED_PACKAGES : [] }),
    maxBodyBytes
  };
  const hosts = token ? "any" : allowedHosts(host, options.hosts);
  const server = createServer((request, response) => handle(request, response, { parts, routes, hosts, token }));
  await listen(server, port, host);
  const bound = (server.address() as AddressInfo).port;
  void sweepStaleTempFiles(root).catch((error) => console.error(`exemplar: could not clean up temp files: ${error}`));
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${bound}/${token ? `?token=${token}` : ""}`,
    port: bound,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new ServerStartError(`port ${port} on ${host} is in use: choose another with --port N (or --port 0 for any free port)`));
      else if (error.code === "EACCES") reject(new ServerStartError(`port ${port} on ${host} may not be used by this user: choose one above 1023 with --port N`));
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") reject(new ServerStartError(`--host ${host} is not an address of this machine`));
      else reject(new ServerStartError(`could not listen on ${host}:${port}: ${error.code ?? error.message}`));
    });
    server.listen(port, host, () => resolve());
  });
}

interface Handling {
  parts: ServerParts;
  routes: readonly Route[];
  hosts: HostPolicy["hosts"];
  token?: string;
}

/** One request: isolation headers, access checks, its route (and its notebook's trust), or an error. */
export function handle(request: IncomingMessage, response: ServerResponse, { parts, routes, hosts, token }: Handling): void {
  for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) response.setHeader(name, value);
  response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  response.setHeader("X-Content-Type-Options", "nosniff");
  const answer = async () => {
    const port = request.socket.localPort ?? 0;
    guardRequest(request, { hosts, port });
    const url = new URL(request.url ?? "/", "http://server");
    // The path as sent: URL parsing would resolve "..", "." and backslashes before the checks see them.
    const pathname = (request.url ?? "/").split("?")[0];
    if (token) {
      const check = checkToken(request, token, port);
      if (check === "missing" || check === "wrong") {
        throw new ApiError(401, check === "wrong" ? "wrong token" : "this server needs its token: open the address it printed when it started (…/?token=…)");
      }
      if (check === "ok-from-address" && request.method === "GET" && pathname === "/") {
        // Remembered for the page's own requests, and taken out of the address bar.
        url.searchParams.delete("token");
        response.writeHead(302, {
          "Set-Cookie": `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: `${url.pathname}${url.search}`,
          "Cache-Control": "no-store"
        });
        return void response.end();
      }
    }
    const found = findRoute(routes, request.method ?? "GET", pathname);
    if (found instanceof ApiError) throw found;
    const notebook = found.route.forTrustedNotebook ? await trustedNotebook(url, parts) : undefined;
    await found.route.answer({ request, response, url, rest: found.rest, notebook }, parts);
  };
  answer().catch((error) => sendError(response, error instanceof ApiError ? error : fileSystemError(error, (request.url ?? "/").split("?")[0].slice(0, 200))));
}
