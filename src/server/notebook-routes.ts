// The two routes that run something on a notebook's behalf (routes.ts marks them
// `forTrustedNotebook`: they get here only for ?notebook=PATH whose bytes the server has on record as
// trusted, and the modules they call check that again as they read the notebook):
//   POST /api/sql?notebook=PATH     {database, strings, params, since} → Kit's query results (sql-cells.ts)
//   POST /api/loader?notebook=PATH  {mode, format, source, since}      → {path} of the loader's output (data-loaders.ts)
import { ApiError, sendJson } from "./api-error.ts";
import { runDataLoader } from "./data-loaders.ts";
import type { TrustCheck } from "./notebook-trust.ts";
import { readRequestBody } from "./request-guards.ts";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TrustRecord } from "./trust-record.ts";
import { runSqlCell } from "./sql-cells.ts";

const BODY_LIMIT = 1024 * 1024;

/** What these routes get of routes.ts's exchange and server parts (the notebook: checked as trusted there). */
interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  notebook?: { path: string };
}
interface ServerParts {
  root: string;
  trust: Pick<TrustRecord, "trustsNotebook">;
}

export async function answerSqlCell(exchange: Exchange, parts: ServerParts): Promise<void> {
  const body = await jsonBody(exchange, "/api/sql");
  const { database, strings, params = [], since } = body as { database?: unknown; strings?: unknown; params?: unknown; since?: unknown };
  if (typeof database !== "string" || !Array.isArray(strings) || !strings.every((each) => typeof each === "string") || !Array.isArray(params)) {
    throw new ApiError(400, "/api/sql: send {database, strings, params}");
  }
  const query = { root: parts.root, notebook: exchange.notebook!.path, database, strings, params, since: dateOf(since) };
  sendJson(exchange.response, 200, await runSqlCell(query, trustCheckOf(parts)));
}

export async function answerDataLoader(exchange: Exchange, parts: ServerParts): Promise<void> {
  const body = await jsonBody(exchange, "/api/loader");
  const { mode, format, source, since } = body as { mode?: unknown; format?: unknown; source?: unknown; since?: unknown };
  if (typeof mode !== "string" || typeof source !== "string" || (format !== undefined && typeof format !== "string")) {
    throw new ApiError(400, "/api/loader: send {mode, format, source}");
  }
  const run = { root: parts.root, notebook: exchange.notebook!.path, mode, format, source, since: dateOf(since) };
  sendJson(exchange.response, 200, await runDataLoader(run, trustCheckOf(parts)));
}

/** The server's record, as the SQL and loader modules ask it: the notebook's current bytes trusted. */
function trustCheckOf({ trust }: ServerParts): TrustCheck {
  return { isTrusted: (_path, version) => trust.trustsNotebook(version) };
}

async function jsonBody({ request }: Exchange, route: string): Promise<Record<string, unknown>> {
  // A JSON body: a cross-site form cannot send one without a preflight this server never grants.
  if (!/^application\/json\b/i.test(request.headers["content-type"] ?? "")) throw new ApiError(415, `${route}: send the request as application/json`);
  try {
    const parsed = JSON.parse((await readRequestBody(request, BODY_LIMIT, route)).toString("utf8")) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ApiError) throw error;
  }
  throw new ApiError(400, `${route}: the body must be a JSON object`);
}

function dateOf(value: unknown): Date | undefined {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined;
}
