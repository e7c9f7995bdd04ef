// Pure checks on a file path taken from a request URL: is it a plain path inside the root, may it be written.
import { posix } from "node:path";

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

/** Notebooks, and the data and model files that live beside them (tfjs model.json + .bin weights). */
export const WRITABLE_EXTENSIONS = [".html", ".csv", ".tsv", ".json", ".bin"] as const;

const MAX_PATH_LENGTH = 1024;

/**
 * `raw` is the request path after `/api/files/`, still percent-encoded, without the query.
 * It is decoded exactly once; anything that could still mean a different path after a second
 * decoding, on another platform, or in a C string is refused rather than normalised.
 */
export function checkRequestPath(raw: string): PathCheck {
  if (raw === "") return refuse("no file path given");
  if (raw.length > MAX_PATH_LENGTH) return refuse(`the path is longer than ${MAX_PATH_LENGTH} characters`);
  if (raw.includes("\\") || /%5c/i.test(raw)) return refuse("backslashes are not allowed in paths");
  if (/%2f/i.test(raw)) return refuse("encoded slashes (%2F) are not allowed in paths");
  if (raw.includes("\0") || /%00/.test(raw)) return refuse("NUL bytes are not allowed in paths");
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return refuse("the path is not valid percent-encoded UTF-8");
  }
  // A second decoding (by a proxy, a framework, a later reader) must not reveal another path.
  if (/%[0-9a-f]{2}/i.test(decoded)) return refuse("the path is percent-encoded twice");
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return refuse("control characters are not allowed in paths");
  if (decoded.startsWith("/")) return refuse("absolute paths are not allowed; give a path relative to the notebook folder");
  if (/^[a-z]:/i.test(decoded)) return refuse("drive letters are not allowed; give a path relative to the notebook folder");
  for (const segment of decoded.split("/")) {
    if (segment === "") return refuse("empty path segments (// or a trailing /) are not allowed");
    if (segment === "." || segment === "..") return refuse(`"${segment}" is not allowed in paths`);
  }
  return { ok: true, path: decoded };
}

/** Why `path` (already checked) may not be written, or undefined when it may. */
export function writeRefusal(path: string): string | undefined {
  const segments = path.split("/");
  if (segments.some((segment) => segment.startsWith("."))) return "hidden files and folders are not written";
  if (segments.includes("node_modules")) return "files under node_modules are not written";
  const extension = posix.extname(path).toLowerCase();
  if (!(WRITABLE_EXTENSIONS as readonly string[]).includes(extension)) {
    return `only notebooks (.html) and the data and model files beside them (${WRITABLE_EXTENSIONS.slice(1).join(", ")}) can be written`;
  }
  return undefined;
}

function refuse(reason: string): PathCheck {
  return { ok: false, reason };
}
