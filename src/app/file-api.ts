// The page's only contact with the server's file API (src/server): list notebooks, read a file
// with its version, write it back only if it is still the version that was loaded; and what a
// running notebook asks of the server: trust recorded, SQL queries, data loaders.
import type { QueryResults } from "../runtime/stdlib/query-results.ts";

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

export function fileUrl(path: string): string {
  return `/api/files/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export async function listNotebooks(): Promise<NotebookEntry[]> {
  const response = await fetch("/api/notebooks");
  if (!response.ok) throw new FileApiError(response.status, `listing notebooks failed: ${await reason(response)}`);
  if (!response.headers.get("Content-Type")?.includes("json")) {
    throw new FileApiError(response.status, "this server has no notebook file API (start it with npm start)");
  }
  return response.json();
}

export function fetchFile(path: string): Promise<Response> {
  return fetch(fileUrl(path));
}

export async function readFile(path: string): Promise<LoadedFile> {
  const response = await fetchFile(path);
  if (!response.ok) throw new FileApiError(response.status, `${path}: ${response.status === 404 ? "no such file" : await reason(response)}`);
  return { text: await response.text(), version: response.headers.get("X-Exemplar-Version") ?? "" };
}

/** Writes `text`; a 409 (the file changed on disk since `base`, or exists on create) is a result, not an error. */
export async function writeFile(path: string, text: string, mode: WriteMode): Promise<WriteResult> {
  const headers: Record<string, string> = { "Content-Type": "text/html; charset=utf-8" };
  if ("base" in mode) headers["X-Exemplar-Base-Version"] = mode.base;
  if ("create" in mode) headers["X-Exemplar-Create"] = "1";
  if ("force" in mode) headers["X-Exemplar-Force"] = "1";
  const response = await fetch(fileUrl(path), { method: "PUT", headers, body: text });
  if (response.status === 409) {
    const body = await response.json().catch(() => ({}));
    return { ok: false, conflict: true, version: body.version };
  }
  if (!response.ok) throw new FileApiError(response.status, `saving ${path} failed: ${await reason(response)}`);
  const body = await response.json();
  return { ok: true, version: body.version };
}

async function reason(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    return JSON.parse(text).error ?? `HTTP ${response.status}`;
  } catch {
    return text.trim() || `HTTP ${response.status}`;
  }
}

/** Tells the server this page runs the notebook at `path` with these bytes (SQL and loaders then run for it). */
export async function recordTrust(path: string, version: string): Promise<void> {
  const response = await fetch("/api/trust", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ path, version }) });
  if (!response.ok) throw new FileApiError(response.status, `the server did not record trust for ${path}: ${await reason(response)}`);
}

/** A SQL cell's query on a configured database, run by the server (src/server/sql-cells.ts). */
export async function runQueryOnServer(notebook: string, query: { database: string; strings: string[]; params: unknown[]; since?: Date }): Promise<QueryResults> {
  return postJson("/api/sql", { notebook, ...query });
}

/** A data-loader cell, run by the server (src/server/data-loaders.ts); answers its output's notebook-relative path. */
export async function runLoaderOnServer(notebook: string, run: { mode: string; format?: string; source: string; since?: Date }): Promise<string> {
  return (await postJson<{ path: string }>("/api/loader", { notebook, ...run })).path;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(await reason(response));
  return response.json();
}
