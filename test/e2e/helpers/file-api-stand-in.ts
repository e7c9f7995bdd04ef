// The smallest file API the page needs (the contract src/server implements), for the browser tests
// to run before the real plugin is merged. Registered after vite.config.ts's plugins, so the real
// file API, once present, answers first and this one never sees a request.
import { createHash } from "node:crypto";
import { readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Plugin } from "vite";

export function fileApiStandIn(root: string): Plugin {
  return {
    name: "exemplar-test-file-api-stand-in",
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        handle(root, request, response).then((handled) => handled || next(), next);
      });
    }
  };
}

async function handle(root: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/api/notebooks" && request.method === "GET") {
    send(response, 200, await listNotebooks(root));
    return true;
  }
  if (!url.pathname.startsWith("/api/files/")) return false;
  const path = decodeURIComponent(url.pathname.slice("/api/files/".length));
  if (path.split("/").some((part) => part === ".." || part === "") || path.includes("\\")) {
    send(response, 400, { error: "bad path" });
    return true;
  }
  const file = join(root, path);
  const current = await readFile(file).catch(() => undefined);
  if (request.method === "GET") {
    if (!current) send(response, 404, { error: "not found" });
    else {
      response.writeHead(200, { "X-Exemplar-Version": versionOf(current), "Content-Type": "application/octet-stream" });
      response.end(current);
    }
    return true;
  }
  if (request.method !== "PUT") return false;
  const body = await readBody(request);
  const create = request.headers["x-exemplar-create"] === "1";
  const force = request.headers["x-exemplar-force"] === "1";
  const base = request.headers["x-exemplar-base-version"];
  if (current && !force && (create || base !== versionOf(current))) {
    send(response, 409, { error: "conflict", version: versionOf(current) });
    return true;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, file);
  send(response, 200, { version: versionOf(body) });
  return true;
}

async function listNotebooks(root: string) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const notebooks = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = join(entry.parentPath, entry.name);
    const [text, info] = await Promise.all([readFile(file, "utf8"), stat(file)]);
    const title = /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? entry.name;
    notebooks.push({ path: relative(root, file).split(sep).join("/"), title, modified: info.mtime.toISOString(), size: info.size });
  }
  return notebooks.sort((a, b) => a.path.localeCompare(b.path));
}

function versionOf(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}
