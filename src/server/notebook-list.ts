// The notebooks under the root: every .html file in it and its sub-folders, with title, mtime and size.
import { open, readdir, stat } from "node:fs/promises";
import { join, posix } from "node:path";

export interface NotebookEntry {
  /** relative to the root, with / separators */
  path: string;
  title: string;
  /** mtime in ms */
  modified: number;
  size: number;
}

/** Enough of a file to find its <title>, which Kit writes at the top. */
const TITLE_SCAN_BYTES = 64 * 1024;

export async function listNotebooks(root: string): Promise<NotebookEntry[]> {
  const entries: NotebookEntry[] = [];
  for await (const path of walkFiles(root)) {
    if (!path.toLowerCase().endsWith(".html") || posix.basename(path).startsWith(".")) continue;
    const file = join(root, path);
    try {
      const info = await stat(file);
      entries.push({ path, title: titleOf(await readHead(file), path), modified: Math.floor(info.mtimeMs), size: info.size });
    } catch {
      // Deleted or unreadable between listing and reading: leave it out of this listing.
    }
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Relative paths of regular files under `root`; skips node_modules, dot-folders and symbolic links. */
export async function* walkFiles(root: string, prefix = ""): AsyncGenerator<string> {
  let children;
  try {
    children = await readdir(join(root, prefix), { withFileTypes: true });
  } catch {
    return;
  }
  for (const child of children) {
    const path = prefix ? `${prefix}/${child.name}` : child.name;
    if (child.isDirectory()) {
      if (child.name === "node_modules" || child.name.startsWith(".")) continue;
      yield* walkFiles(root, path);
    } else if (child.isFile()) {
      yield path;
    }
  }
}

/** The text of the file's <title>, or its name without .html when it has none. */
export function titleOf(head: string, path: string): string {
  const match = /<title[^>]*>([\s\S]*?)<\/title\s*>/i.exec(head);
  const title = match ? decodeEntities(match[1]).replace(/\s+/g, " ").trim() : "";
  return title || posix.basename(path).replace(/\.html$/i, "");
}

async function readHead(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(TITLE_SCAN_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString("utf8", 0, bytesRead);
  } finally {
    await handle.close();
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] !== "#") return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}
