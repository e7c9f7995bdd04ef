// Helpers for the server tests: the app's real server (its route table, without a built page) on an
// ephemeral port with a trust record of its own, raw HTTP over a socket (for paths and headers that
// fetch would normalise or refuse), and folder snapshots.
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAppServer, type AppServerOptions } from "../../src/server/app-server.ts";
import { openTrustRecord, type TrustRecord } from "../../src/server/trust-record.ts";

export interface TestServer {
  port: number;
  url: string;
  trust: TrustRecord;
  close(): Promise<void>;
}

const temporaryFolders: string[] = [];

export function temporaryFolder(prefix = "exemplar-server-"): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  temporaryFolders.push(folder);
  return folder;
}

/** For afterAll: removes every folder temporaryFolder made in this test file. */
export function removeTemporaryFolders(): void {
  for (const folder of temporaryFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** The server over `root`, answering the API only; trust is recorded in a temporary file. */
export async function startFileApiServer(root: string, options: Omit<AppServerOptions, "root" | "port"> = {}): Promise<TestServer> {
  const trust = options.trust ?? openTrustRecord(join(temporaryFolder("exemplar-state-"), "trusted-notebooks.json"));
  const server = await startAppServer({ ...options, root, port: 0, trust });
  return { port: server.port, url: `http://127.0.0.1:${server.port}`, trust, close: () => server.close() };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  json(): any;
}

export interface RawRequest {
  method?: string;
  /** sent exactly as given, after the method */
  path: string;
  /** `Host` defaults to 127.0.0.1:port; give `Host: undefined` to send none */
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
  /** send the body chunked, without a Content-Length */
  chunked?: boolean;
}

/** One HTTP/1.1 request written byte for byte onto a socket; the whole response, read until close. */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  const { method = "GET", path, body, chunked = false } = request;
  const headers: Record<string, string | undefined> = { Host: `127.0.0.1:${port}`, Connection: "close", ...request.headers };
  if (body !== undefined && !chunked) headers["Content-Length"] = String(Buffer.byteLength(body));
  if (chunked) headers["Transfer-Encoding"] = "chunked";
  const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(headers)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    socket.on("data", (chunk) => received.push(chunk));
    socket.on("error", (error) => (received.length ? undefined : reject(error)));
    socket.on("close", () => resolve(parseResponse(Buffer.concat(received))));
    socket.write(Buffer.from(head, "latin1"));
    if (body !== undefined) {
      const bytes = Buffer.from(body);
      socket.write(chunked ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from("\r\n0\r\n\r\n")]) : bytes);
    }
  });
}

function parseResponse(bytes: Buffer): RawResponse {
  const split = bytes.indexOf("\r\n\r\n");
  const head = bytes.subarray(0, split).toString("latin1").split("\r\n");
  const status = Number(head[0].split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(split + 4);
  if (headers["transfer-encoding"] === "chunked") body = dechunk(body);
  const text = body.toString("utf8");
  return { status, headers, body: text, json: () => JSON.parse(text) };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = parseInt(bytes.subarray(at, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Every entry under `folder` (links not followed) with its content or link target. */
export function snapshot(folder: string, prefix = ""): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(join(folder, prefix))) {
    const path = prefix ? `${prefix}/${name}` : name;
    const full = join(folder, path);
    const info = lstatSync(full);
    if (info.isSymbolicLink()) entries[path] = `-> ${readlinkSync(full)}`;
    else if (info.isDirectory()) Object.assign(entries, { [`${path}/`]: "folder" }, snapshot(folder, path));
    else entries[path] = readFileSync(full, "latin1");
  }
  return entries;
}
