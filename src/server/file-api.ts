// The file API: list the notebooks under the root, read any file under it, and save notebooks and
// the data/model files beside them, atomically and only over the version the page loaded. The
// server's route table (routes.ts) sends these requests here once they passed its Host, Origin
// and token checks; every failure is thrown as an ApiError naming the path.
//   GET /api/notebooks      → [{path, title, modified, size}]
//   GET /api/files/<path>   → the bytes, with X-Exemplar-Version (sha-256 of the bytes); a Range
//                             request gets 206 and only those bytes; .observable/databases.json: 403
//   PUT /api/files/<path>   → {version}, or 409 {error: "conflict", version} when the file changed
import { mkdir, open, readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, extname, relative, resolve } from "node:path";
import { ApiError, fileSystemError, sendJson } from "./api-error.ts";
import { removeStaleTempFiles } from "./atomic-write.ts";
import { byteRange } from "./byte-range.ts";
import { realRoot, resolveInsideRoot } from "./confine.ts";
import { listNotebooks, walkFiles } from "./notebook-list.ts";
import { checkRequestPath, writeRefusal } from "./paths.ts";
import { readRequestBody } from "./request-guards.ts";
import { isVersion, saveIfUnchanged, versionOf, type SaveCondition } from "./versions.ts";

export interface FileApiOptions {
  /** the folder of notebooks */
  root: string;
  /** largest request body accepted, in bytes; default 32 MiB */
  maxBodyBytes?: number;
}

export const VERSION_HEADER = "X-Exemplar-Version";
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".arrow": "application/vnd.apache.arrow.file",
  ".parquet": "application/vnd.apache.parquet"
};

export async function answerNotebookList(response: ServerResponse, root: string): Promise<void> {
  sendJson(response, 200, await listNotebooks(await realRoot(root)));
}

/** `raw` is the request path after /api/files/, still percent-encoded. */
export async function answerFile(request: IncomingMessage, response: ServerResponse, raw: string, options: FileApiOptions): Promise<void> {
  const path = checkedPath(raw);
  if (request.method === "PUT") return writeOne(request, response, { root: options.root, maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES }, path);
  return readOne(request, response, options.root, path);
}

/** The path of a request after its route's prefix, decoded once and checked (paths.ts), or a 400. */
export function checkedPath(raw: string): string {
  const checked = checkRequestPath(raw);
  if (!checked.ok) throw new ApiError(400, `${safeForMessage(raw)}: ${checked.reason}`);
  return checked.path;
}

async function readOne(request: IncomingMessage, response: ServerResponse, root: string, path: string): Promise<void> {
  try {
    const file = await resolveInsideRoot(root, path);
    // Database credentials never leave the server, whatever path (or link) names them.
    if (isDatabaseConfig(path) || isDatabaseConfig(relative(await realRoot(root), file))) {
      throw new ApiError(403, `${path}: database settings (.observable/databases.json) hold credentials and are never served`);
    }
    const info = await stat(file);
    if (!info.isFile()) throw new ApiError(400, `${path}: is a folder, not a file`);
    const headers = {
      "Content-Type": CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
      "Accept-Ranges": "bytes",
      "Last-Modified": info.mtime.toUTCString(),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      // A notebook opened directly from this URL must not run its cells in the app's origin.
      "Content-Security-Policy": "sandbox; default-src 'none'"
    };
    const range = byteRange(request.headers.range, info.size);
    if (range.kind === "unsatisfiable") {
      throw new ApiError(416, `${path}: the range ${request.headers.range} is outside its ${info.size} bytes`, {}, { "Content-Range": `bytes */${info.size}` });
    }
    if (range.kind === "part") {
      // Only the bytes asked for are read: a large Parquet file is never loaded whole.
      const length = range.end - range.start + 1;
      const bytes = Buffer.alloc(length);
      const handle = await open(file, "r");
      try {
        await handle.read(bytes, 0, length, range.start);
      } finally {
        await handle.close();
      }
      response.writeHead(206, { ...headers, "Content-Length": length, "Content-Range": `bytes ${range.start}-${range.end}/${info.size}` });
      response.end(request.method === "HEAD" ? undefined : bytes);
      return;
    }
    const bytes = await readFile(file);
    response.writeHead(200, { ...headers, "Content-Length": bytes.length, [VERSION_HEADER]: versionOf(bytes) });
    response.end(request.method === "HEAD" ? undefined : bytes);
  } catch (error) {
    throw fileSystemError(error, path);
  }
}

/** `.observable/databases.json` in any folder (Kit's database settings, with their passwords). */
function isDatabaseConfig(path: string): boolean {
  const parts = path.split(/[\\/]/).map((part) => part.toLowerCase());
  return parts.at(-1) === "databases.json" && parts.at(-2) === ".observable";
}

async function writeOne(request: IncomingMessage, response: ServerResponse, options: { root: string; maxBodyBytes: number }, path: string): Promise<void> {
  const refusal = writeRefusal(path);
  if (refusal) throw new ApiError(403, `${path}: ${refusal}`);
  const condition = saveCondition(request, path);
  try {
    const file = await resolveInsideRoot(options.root, path);
    const bytes = await readRequestBody(request, options.maxBodyBytes, path);
    await mkdir(dirname(file), { recursive: true });
    const outcome = await saveIfUnchanged(file, bytes, condition);
    if (!outcome.saved) {
      const why = outcome.current === null ? "was deleted" : condition.kind === "create" ? "already exists" : "changed on disk since it was loaded";
      const message = `${path}: ${why}; nothing was saved`;
      throw new ApiError(409, message, { error: "conflict", version: outcome.current, message });
    }
    sendJson(response, 200, { version: outcome.version }, { [VERSION_HEADER]: outcome.version });
  } catch (error) {
    throw fileSystemError(error, path);
  }
}

function saveCondition(request: IncomingMessage, path: string): SaveCondition {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  if (header("x-exemplar-force") === "1") return { kind: "force" };
  if (header("x-exemplar-create") === "1") return { kind: "create" };
  const base = header("x-exemplar-base-version");
  if (base === undefined) {
    throw new ApiError(428, `${path}: a save needs X-Exemplar-Base-Version (the version loaded) or X-Exemplar-Create: 1 (a new file)`);
  }
  if (!isVersion(base)) throw new ApiError(400, `${path}: X-Exemplar-Base-Version must be the 64-digit hex version the file was read with`);
  return { kind: "base", version: base };
}

/** The raw path as given, shortened, for an error message (JSON escapes the rest). */
function safeForMessage(raw: string): string {
  return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
}

/** Temp files of saves cut short before this server started (the next save in a folder also cleans it). */
export async function sweepStaleTempFiles(root: string): Promise<void> {
  const folders = new Set([root]);
  for await (const path of walkFiles(root)) folders.add(resolve(root, dirname(path)));
  for (const folder of folders) await removeStaleTempFiles(folder);
}
