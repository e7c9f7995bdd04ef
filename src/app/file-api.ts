// The page's only contact with the server's file API (src/server): list notebooks, read a file
// with its version, write it back only if it is still the version that was loaded. Versions are
// always the server's (its X-Exemplar-Version header): the page never hashes to guess one. And what
// a running notebook asks of the server: SQL queries, data loaders (for a trusted notebook only).
import { FileNotFoundError, type ServedFiles } from "../notebook/notebook-files.ts";
import type { QueryResults } from "../runtime/stdlib/query-results.ts";

const VERSION_HEADER = "X-Exemplar-Version";

export interface NotebookEntry {
  /** relative to the notebook root, "/"-separated */
  path: string;
  title: string;
  /** last modification, as the server gives it (ISO date or milliseconds) */
  modified: string | number;
  size: number;
}

export interface LoadedFile {
  text: string;
  /** sha-256 hex of the bytes, as the server computed it */
  version: string;
  /** when the file was last changed on disk (ms since the epoch, to the second), when the server says */
  modified?: number;
}

export type WriteMode = { base: string } | { create: true } | { force: true };

export type WriteResult = { ok: true; version: string } | { ok: false; conflict: true; version?: string };

export class FileApiError extends Error {
  override name = "FileApiError";
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

export interface FileApi {
  listNotebooks(): Promise<NotebookEntry[]>;
  fileUrl(path: string): string;
  fetchFile(path: string): Promise<Response>;
  readFile(path: string): Promise<LoadedFile>;
  /** the version of the file on disk, or null when there is none (a HEAD request) */
  fileVersion(path: string): Promise<string | null>;
  /** Writes `body`; a 409 (the file changed on disk since `base`, or exists on create) is a result, not an error. */
  writeFile(path: string, body: string | Uint8Array, mode: WriteMode): Promise<WriteResult>;
  /** the files under the root as every kernel reaches them (src/notebook/notebook-files.ts) */
  files(): ServedFiles;
}

/** A client of the file API at `origin` (default: the page's own). */
export function fileApiAt(origin = "", fetch: typeof globalThis.fetch = (...args) => globalThis.fetch(...args)): FileApi {
  const fileUrl = (path: string) => `${origin}/api/files/${path.split("/").map(encodeURIComponent).join("/")}`;
  const fetchFile = (path: string) => fetch(fileUrl(path));
  const api: FileApi = {
    fileUrl,
    fetchFile,
    async listNotebooks() {
      const response = await fetch(`${origin}/api/notebooks`);
      if (!response.ok) throw new FileApiError(response.status, `listing notebooks failed: ${await reason(response)}`);
      if (!response.headers.get("Content-Type")?.includes("json")) {
        throw new FileApiError(response.status, "this server has no notebook file API (start it with npm start)");
      }
      return response.json();
    },
    async readFile(path) {
      const response = await fetchFile(path);
      if (!response.ok) throw new FileApiError(response.status, `${path}: ${response.status === 404 ? "no such file" : await reason(response)}`);
      const modified = Date.parse(response.headers.get("Last-Modified") ?? "");
      return { text: await response.text(), version: response.headers.get(VERSION_HEADER) ?? "", modified: Number.isNaN(modified) ? undefined : modified };
    },
    async fileVersion(path) {
      const response = await fetch(fileUrl(path), { method: "HEAD" });
      if (response.status === 404) return null;
      if (!response.ok) throw new FileApiError(response.status, `${path}: HTTP ${response.status}`);
      return response.headers.get(VERSION_HEADER);
    },
    async writeFile(path, body, mode) {
      const headers: Record<string, string> = { "Content-Type": typeof body === "string" ? "text/html; charset=utf-8" : "application/octet-stream" };
      if ("base" in mode) headers["X-Exemplar-Base-Version"] = mode.base;
      if ("create" in mode) headers["X-Exemplar-Create"] = "1";
      if ("force" in mode) headers["X-Exemplar-Force"] = "1";
      const response = await fetch(fileUrl(path), { method: "PUT", headers, body: body as BodyInit });
      if (response.status === 409) {
        const answer = await response.json().catch(() => ({}));
        return { ok: false, conflict: true, version: answer.version };
      }
      if (!response.ok) throw new FileApiError(response.status, `saving ${path} failed: ${await reason(response)}`);
      const answer = await response.json();
      return { ok: true, version: answer.version };
    },
    files: () => ({
      url: fileUrl,
      async read(path) {
        const response = await fetchFile(path);
        if (response.status === 404) throw new FileNotFoundError(path, path);
        if (!response.ok) throw new FileApiError(response.status, `reading ${path} failed: ${await reason(response)}`);
        return response;
      },
      // Replaces what is on disk now, naming its version, so a file changed meanwhile is not overwritten.
      async write(path, data) {
        const version = await api.fileVersion(path);
        const result = await api.writeFile(path, data, version === null ? { create: true } : { base: version });
        if (!result.ok) throw new FileApiError(409, `saving ${path} failed: it changed on disk while saving; try again`);
      }
    })
  };
  return api;
}

const page = fileApiAt();
export const { listNotebooks, fileUrl, fetchFile, readFile, fileVersion, writeFile } = page;
/** The files under the root, through the page's file API. */
export const fileApiFiles = page.files;

async function reason(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    return JSON.parse(text).error ?? `HTTP ${response.status}`;
  } catch {
    return text.trim() || `HTTP ${response.status}`;
  }
}

/** A SQL cell's query on a configured database, run by the server (src/server/sql-cells.ts). */
export async function runQueryOnServer(notebook: string, query: { database: string; strings: string[]; params: unknown[]; since?: Date }): Promise<QueryResults> {
  return postJson(`/api/sql?notebook=${encodeURIComponent(notebook)}`, query);
}

/** A data-loader cell, run by the server (src/server/data-loaders.ts); answers its output's notebook-relative path. */
export async function runLoaderOnServer(notebook: string, run: { mode: string; format?: string; source: string; since?: Date }): Promise<string> {
  return (await postJson<{ path: string }>(`/api/loader?notebook=${encodeURIComponent(notebook)}`, run)).path;
}

/** A file of Kit's sample datasets, from the package installed beside the server (src/server/sample-datasets.ts). */
export async function readSampleDataset(file: string): Promise<Response> {
  const response = await fetch(`/api/sample-datasets/${encodeURIComponent(file)}`);
  if (!response.ok) throw new Error(`${file}: ${await reason(response)}`);
  return response;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(await reason(response));
  return response.json();
}
