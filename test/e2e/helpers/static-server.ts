// A plain static file server (node:http, no Vite), as any static host serves a folder: files by
// path with their content type, index.html for a folder, 404 for anything else. It records every
// path asked for.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".csv": "text/csv",
  ".bin": "application/octet-stream"
};

export interface StaticServer {
  url: string;
  requested: string[];
  close(): Promise<void>;
}

export async function serveFolder(folder: string): Promise<StaticServer> {
  const requested: string[] = [];
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    requested.push(path);
    let file = normalize(join(folder, path));
    if (file !== folder && !file.startsWith(folder + sep)) return void response.writeHead(404).end();
    const found = await stat(file).catch(() => undefined);
    if (found?.isDirectory()) file = join(file, "index.html");
    if (!(await stat(file).catch(() => undefined))?.isFile()) return void response.writeHead(404).end("not found");
    response.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the static server has no TCP address");
  return { url: `http://127.0.0.1:${address.port}/`, requested, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
