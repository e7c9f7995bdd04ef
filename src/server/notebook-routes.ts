// What a running notebook asks of the server besides files, one route each, behind the same Host
// and Origin checks as the file API, for trusted notebooks only:
//   POST /api/trust   {path, version}                            → 204: the page runs this version
//   POST /api/sql     {notebook, database, strings, params, since} → Kit's query results (sql-cells.ts)
//   POST /api/loader  {notebook, mode, format, source}            → {path} of the loader's output (data-loaders.ts)
// The trust record is the server's (memoryTrustRecord here); SQL and loaders only ask it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, sendError, sendJson } from "./api-error.ts";
import { runDataLoader } from "./data-loaders.ts";
import { UntrustedNotebookError, type TrustCheck } from "./notebook-trust.ts";
import { guardRequest, readRequestBody, type HostPolicy } from "./request-guards.ts";
import { checkRequestPath } from "./paths.ts";
import { runSqlCell } from "./sql-cells.ts";

export interface NotebookRoutesOptions {
  root: string;
  hosts: string[];
  trust: TrustCheck & { record(path: string, version: string): void };
}

const ROUTES = new Set(["/api/trust", "/api/sql", "/api/loader"]);
const BODY_LIMIT = 1024 * 1024;

export function createNotebookRoutes({ root, hosts, trust }: NotebookRoutesOptions) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const route = (request.url ?? "").split("?")[0];
    if (!ROUTES.has(route)) return next();
    answer(route, request, response, { root, trust, policy: { hosts, port: request.socket.localPort ?? 0 } }).catch((error: unknown) => {
      if (error instanceof ApiError) return sendError(response, error);
      const status = error instanceof UntrustedNotebookError ? 403 : 400;
      sendError(response, new ApiError(status, error instanceof Error ? error.message : String(error)));
    });
  };
}

async function answer(route: string, request: IncomingMessage, response: ServerResponse, { root, trust, policy }: { root: string; trust: NotebookRoutesOptions["trust"]; policy: HostPolicy }) {
  guardRequest(request, policy);
  if (request.method !== "POST") throw new ApiError(405, `${route}: only POST is supported here`, {}, { Allow: "POST" });
  let body: Record<string, unknown>;
  try {
    body = JSON.parse((await readRequestBody(request, BODY_LIMIT, route)).toString("utf8"));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, `${route}: the body must be JSON`);
  }
  const notebook = notebookPath(body[route === "/api/trust" ? "path" : "notebook"], route);
  if (route === "/api/trust") {
    if (typeof body.version !== "string") throw new ApiError(400, `${route}: version must be the file's sha-256`);
    trust.record(notebook, body.version);
    response.writeHead(204).end();
    return;
  }
  if (route === "/api/sql") {
    const { database, strings, params = [], since } = body as { database?: unknown; strings?: unknown; params?: unknown[]; since?: unknown };
    if (typeof database !== "string" || !Array.isArray(strings) || !strings.every((each) => typeof each === "string") || !Array.isArray(params)) {
      throw new ApiError(400, `${route}: needs {notebook, database, strings, params}`);
    }
    const result = await runSqlCell({ root, notebook, database, strings, params, since: typeof since === "string" ? new Date(since) : undefined }, trust);
    return sendJson(response, 200, result);
  }
  const { mode, format, source } = body as { mode?: unknown; format?: unknown; source?: unknown };
  if (typeof mode !== "string" || typeof source !== "string" || (format !== undefined && typeof format !== "string")) {
    throw new ApiError(400, `${route}: needs {notebook, mode, format, source}`);
  }
  const output = await runDataLoader({ root, notebook, mode, format, source }, trust);
  sendJson(response, 200, output);
}

function notebookPath(value: unknown, route: string): string {
  const checked = typeof value === "string" ? checkRequestPath(value) : undefined;
  if (!checked?.ok) throw new ApiError(400, `${route}: ${checked ? checked.reason : "the notebook's path is missing"}`);
  return checked.path;
}
