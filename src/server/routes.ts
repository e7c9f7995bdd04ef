// Every address the app server answers, in one table, and nothing else: no dev server, no watcher,
// no /@fs/. A request passes the access checks first (Host, Origin, and the token when one is
// set), then goes to the one route whose method and path match; any other path is a JSON 404,
// never a page. Routes that run something on a notebook's behalf (SQL cells, data loaders) are
// marked `forTrustedNotebook`: they run only for `?notebook=PATH` whose bytes on disk now have a
// version the server has on record as trusted (trust-record.ts), which the route then receives.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, fileSystemError, sendJson } from "./api-error.ts";
import type { AppBuild } from "./app-build.ts";
import { resolveInsideRoot } from "./confine.ts";
import { answerFile, answerNotebookList, checkedPath } from "./file-api.ts";
import { answerDataLoader, answerSqlCell } from "./notebook-routes.ts";
import { resolvePackage, type PackageBundles } from "./package-bundles.ts";
import { answerSampleDataset } from "./sample-datasets.ts";
import { BUNDLE_PREFIX, parseBundlePath } from "./packages.ts";
import { readRequestBody } from "./request-guards.ts";
import { answerAsset, answerAppPage } from "./static-assets.ts";
import { isTrustKey, type TrustRecord } from "./trust-record.ts";
import { versionOf } from "./versions.ts";

export interface ServerParts {
  /** the notebook folder */
  root: string;
  /** the built page; without it only the API is served (tests of the API, the dev server) */
  build?: AppBuild;
  trust: TrustRecord;
  bundles: PackageBundles;
  /** largest request body accepted, in bytes */
  maxBodyBytes?: number;
}

/** A notebook a trusted route runs for: its path, where it is, and its bytes and version now. */
export interface TrustedNotebook {
  path: string;
  file: string;
  text: string;
  version: string;
}

export interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** the path after a prefix route's prefix, still percent-encoded */
  rest: string;
  /** for `forTrustedNotebook` routes: the notebook it runs for */
  notebook?: TrustedNotebook;
}

export interface Route {
  methods: readonly string[];
  /** an exact path, or with `prefix` the start of every path it answers */
  path: string;
  prefix?: boolean;
  /** what it answers, one line (the README lists them) */
  answers: string;
  /** runs only for a trusted notebook given as ?notebook=PATH */
  forTrustedNotebook?: boolean;
  answer(exchange: Exchange, parts: ServerParts): Promise<void>;
}

const TRUST_BODY_BYTES = 4096;

/** The route table. The Kit cells' server side (SQL, data loaders) plugs in as one entry each. */
export const ROUTES: readonly Route[] = [
  { methods: ["GET", "HEAD"], path: "/", answers: "the app's page (the notebook list, or a notebook with ?notebook=PATH)", answer: ({ request, response }, { build }) => answerAppPage(request, response, build) },
  { methods: ["GET", "HEAD"], path: "/assets/", prefix: true, answers: "the built app's scripts, styles, fonts and .wasm files (named by content hash, cached for good)", answer: ({ request, response, rest }, { build }) => answerAsset(request, response, build, rest) },
  { methods: ["GET", "HEAD"], path: "/api/notebooks", answers: "[{path, title, modified, size}] of every notebook under the root", answer: ({ response }, { root }) => answerNotebookList(response, root) },
  { methods: ["GET", "HEAD", "PUT"], path: "/api/files/", prefix: true, answers: "read (with X-Exemplar-Version) or save a file under the root (the file API)", answer: ({ request, response, rest }, parts) => answerFile(request, response, rest, parts) },
  { methods: ["GET"], path: "/api/trust", answers: "?version=V → {trusted: \"shipped\" | \"recorded\" | false}", answer: answerTrustQuery },
  { methods: ["POST"], path: "/api/trust", answers: "{path, version} → records that this version of the notebook may run (\"Trust and run\")", answer: answerTrustRecord },
  { methods: ["GET"], path: "/api/packages/resolve", answers: "?specifier=x → {url} of an installed package's bundle, or {error} with the npm install to run", answer: answerPackageQuery },
  { methods: ["GET", "HEAD"], path: BUNDLE_PREFIX, prefix: true, answers: "<name>@<version>[/<subpath>].js: an installed package bundled as an ES module (cached by version)", answer: answerBundle },
  { methods: ["GET", "HEAD"], path: "/api/sample-datasets/", prefix: true, answers: "<file>: one of Kit's sample datasets (penguins.csv, aapl.csv, …) from the installed @observablehq/sample-datasets", answer: ({ request, response, rest }) => answerSampleDataset(request, response, rest) },
  { methods: ["POST"], path: "/api/sql", forTrustedNotebook: true, answers: "{database, strings, params, since} → a SQL cell's rows from a database configured beside a trusted notebook (Kit's connectors, cached in .observable/cache)", answer: answerSqlCell },
  { methods: ["POST"], path: "/api/loader", forTrustedNotebook: true, answers: "{mode, format, source, since} → {path} of a data-loader cell's output, run for a trusted notebook (cached in .observable/cache)", answer: answerDataLoader }
];

/** The route a method and path go to: a route, 405 (the path exists, the method does not), or 404. */
export function findRoute(routes: readonly Route[], method: string, pathname: string): { route: Route; rest: string } | ApiError {
  const matching = routes.filter((route) => (route.prefix ? pathname.startsWith(route.path) : pathname === route.path));
  const route = matching.find((candidate) => candidate.methods.includes(method));
  if (route) return { route, rest: route.prefix ? pathname.slice(route.path.length) : "" };
  if (matching.length) {
    const allow = [...new Set(matching.flatMap((candidate) => candidate.methods))].join(", ");
    return new ApiError(405, `${pathname}: only ${allow} is supported here`, {}, { Allow: allow });
  }
  return new ApiError(404, `${pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname}: this server has no such address`);
}

/** For a forTrustedNotebook route: the notebook named by ?notebook=, refused unless trusted as it is now. */
export async function trustedNotebook(url: URL, parts: ServerParts): Promise<TrustedNotebook> {
  const raw = url.searchParams.get("notebook");
  if (!raw) throw new ApiError(400, `${url.pathname}: name the notebook this runs for with ?notebook=PATH`);
  const path = checkedPath(encodeURI(raw));
  let file: string;
  let bytes: Buffer;
  try {
    file = await resolveInsideRoot(parts.root, path);
    bytes = await readFile(file);
  } catch (error) {
    throw fileSystemError(error, path);
  }
  const version = versionOf(bytes);
  if (!(await parts.trust.trustsNotebook(version))) {
    throw new ApiError(403, `${path}: this notebook is not trusted as it is now (open it in the app and press "Trust and run")`);
  }
  return { path, file, text: bytes.toString("utf8"), version };
}

async function answerTrustQuery({ response, url }: Exchange, { trust }: ServerParts): Promise<void> {
  const version = url.searchParams.get("version") ?? "";
  if (!isTrustKey(version)) throw new ApiError(400, `/api/trust: ?version= must be a file version (64 hex digits, then +modules- and 64 more for a notebook with local modules)`);
  sendJson(response, 200, { trusted: (await trust.trustOf(version)) ?? false });
}

async function answerTrustRecord({ request, response }: Exchange, { trust }: ServerParts): Promise<void> {
  // A JSON body: a cross-site form cannot send one without a preflight this server never grants.
  if (!/^application\/json\b/i.test(request.headers["content-type"] ?? "")) throw new ApiError(415, "/api/trust: send {path, version} as application/json");
  let body: { path?: unknown; version?: unknown };
  try {
    body = JSON.parse((await readRequestBody(request, TRUST_BODY_BYTES, "/api/trust")).toString("utf8"));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, "/api/trust: the body is not JSON");
  }
  if (typeof body.version !== "string" || !isTrustKey(body.version)) throw new ApiError(400, "/api/trust: version must be a file version (64 hex digits, then +modules- and 64 more for a notebook with local modules)");
  const path = typeof body.path === "string" ? checkedPath(encodeURI(body.path)) : "";
  await trust.record(body.version, path);
  sendJson(response, 200, { trusted: "recorded" });
}

async function answerPackageQuery({ response, url }: Exchange, { bundles }: ServerParts): Promise<void> {
  const answer = await resolvePackage(url.searchParams.get("specifier") ?? "", { bundles });
  sendJson(response, answer.url ? 200 : 404, answer);
}

async function answerBundle({ request, response, rest }: Exchange, { bundles }: ServerParts): Promise<void> {
  const parsed = parseBundlePath(decodeURI(rest));
  if (!parsed) throw new ApiError(404, `${BUNDLE_PREFIX}${rest}: not a package bundle's address (${BUNDLE_PREFIX}<name>@<version>[/<subpath>].js)`);
  const bytes = await bundles.bundle(parsed.name, parsed.version, parsed.subpath);
  response.writeHead(200, {
    "Content-Type": "text/javascript; charset=utf-8",
    "Content-Length": bytes.length,
    // The address names the installed version: a new version is a new address.
    "Cache-Control": "public, max-age=31536000, immutable"
  });
  response.end(request.method === "HEAD" ? undefined : bytes);
}
