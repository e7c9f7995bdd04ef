// The built page and its assets (app-build.ts), straight from the build folder. Asset names carry a
// hash of their content, so browsers keep them for good; the page itself is asked for each time.
// Scripts and styles go out gzipped to browsers that accept it, compressed once per server.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { ApiError } from "./api-error.ts";
import type { AppBuild } from "./app-build.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8"
};
const COMPRESSIBLE = new Set([".js", ".css", ".svg", ".json", ".html", ".csv"]);
/** Every asset of a build lies flat in assets/, named by Vite: no folders, nothing to traverse. */
const ASSET_NAME = /^[\w][\w.-]*$/;

const gzipped = new Map<string, Promise<Buffer>>();
const compress = promisify(gzip);

export async function answerAppPage(request: IncomingMessage, response: ServerResponse, build: AppBuild | undefined): Promise<void> {
  if (!build) throw new ApiError(503, "the app is not built: this server answers the API only");
  await send(request, response, join(build.dir, "app/index.html"), "no-cache");
}

export async function answerAsset(request: IncomingMessage, response: ServerResponse, build: AppBuild | undefined, name: string): Promise<void> {
  if (!ASSET_NAME.test(name)) throw new ApiError(404, `/assets/${name.slice(0, 200)}: no such asset`);
  if (!build) throw new ApiError(503, "the app is not built: this server answers the API only");
  await send(request, response, join(build.dir, "assets", name), "public, max-age=31536000, immutable");
}

/** Sends a file the server ships (not a notebook's): gzipped when the browser accepts it. */
export async function send(request: IncomingMessage, response: ServerResponse, file: string, cacheControl: string): Promise<void> {
  const extension = extname(file);
  const type = TYPES[extension];
  if (!type) throw new ApiError(404, `${file.slice(file.lastIndexOf("/") + 1)}: no such asset`);
  const wantsGzip = COMPRESSIBLE.has(extension) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  let bytes: Buffer;
  try {
    bytes = wantsGzip ? await gzippedFile(file) : await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ApiError(404, `${file.slice(file.lastIndexOf("/") + 1)}: no such asset`);
    throw error;
  }
  response.writeHead(200, {
    "Content-Type": type,
    "Content-Length": bytes.length,
    "Cache-Control": cacheControl,
    Vary: "Accept-Encoding",
    ...(wantsGzip ? { "Content-Encoding": "gzip" } : {})
  });
  response.end(request.method === "HEAD" ? undefined : bytes);
}

function gzippedFile(file: string): Promise<Buffer> {
  let pending = gzipped.get(file);
  if (!pending) {
    pending = readFile(file).then((bytes) => compress(bytes));
    gzipped.set(file, pending);
    pending.catch(() => gzipped.delete(file));
  }
  return pending;
}
