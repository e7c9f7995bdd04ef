// Files beside a notebook in the page, through the app's file API: GET and PUT
// /api/files/<path>. A PUT says what it expects to replace — `X-Exemplar-Create: 1` for a new
// file, `X-Exemplar-Base-Version: <sha256 of the bytes it replaces>` otherwise — so a save never
// silently overwrites someone else's change. The server allows .json and .bin beside notebooks.
import { notebookPath, type NotebookFiles } from "./files.ts";

export interface FileApiOptions {
  /** the notebook's folder, relative to the served root ("" for the root) */
  folder: string;
  /** default "/api/files/" */
  base?: string;
  fetch?: typeof globalThis.fetch;
}

export function fileApiFiles({ folder, base = "/api/files/", fetch = globalThis.fetch }: FileApiOptions): NotebookFiles {
  const urlOf = (path: string) => `${base}${notebookPath(folder, path).split("/").map(encodeURIComponent).join("/")}`;
  const get = async (path: string): Promise<Uint8Array | undefined> => {
    const response = await fetch(urlOf(path));
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`reading ${path}: ${response.status} ${await response.text()}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  return {
    async read(path) {
      const bytes = await get(path);
      if (!bytes) throw new Error(`${path}: file not found`);
      return bytes;
    },
    async write(path, data) {
      const body = typeof data === "string" ? new TextEncoder().encode(data) : data;
      const current = await get(path);
      const headers: Record<string, string> = current ? { "X-Exemplar-Base-Version": await sha256(current) } : { "X-Exemplar-Create": "1" };
      const response = await fetch(urlOf(path), { method: "PUT", headers, body: body as BodyInit });
      if (!response.ok) throw new Error(`saving ${path}: ${response.status} ${await response.text()}`);
    }
  };
}

export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
