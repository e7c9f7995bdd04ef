// The output folder of `exemplar build`, which must never lose anything it did not write. It is
// accepted when it is missing, empty, or an earlier export: a folder whose export.json has exactly
// the shape this command writes and whose every file is one that export wrote. Rebuilding deletes
// only the files the earlier export.json lists; every file written now is listed in the new one.
import { copyFile, mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { MANIFEST, type ExportManifest } from "../../src/export/manifest.ts";

export class ExportFolderError extends Error {}

export interface ExportWriter {
  write(path: string, bytes: string | Uint8Array): Promise<void>;
  copy(path: string, from: string): Promise<void>;
  /** the files written so far, relative to the folder, "/"-separated */
  readonly written: string[];
}

/** Whether `value` is exactly an export.json this command writes: every key, each of its type, nothing else. */
export function isExportManifest(value: unknown): value is ExportManifest {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const manifest = value as Record<string, unknown>;
  const strings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === "string");
  const keys = ["format", "source", "title", "files", "trainings", "cached", "built", "written"];
  const cached = manifest.cached as Record<string, unknown> | undefined;
  return (
    Object.keys(manifest).length === keys.length &&
    keys.every((key) => key in manifest) &&
    manifest.format === "exemplar-export/1" &&
    typeof manifest.source === "string" &&
    typeof manifest.title === "string" &&
    typeof manifest.built === "string" &&
    strings(manifest.files) &&
    strings(manifest.trainings) &&
    !!cached && typeof cached === "object" && !Array.isArray(cached) && Object.values(cached).every((path) => typeof path === "string") &&
    strings(manifest.written) &&
    (manifest.written as string[]).every(isPlainRelativePath)
  );
}

function isPlainRelativePath(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !path.includes("\\") && path.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

/** The files under `folder`, relative and "/"-separated (links are listed, not followed). */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join("/"));
}

/**
 * Checks `target` before anything is built: returns the files an earlier export wrote there (to
 * be replaced), or throws when the folder holds anything this command did not write.
 */
export async function checkExportFolder(target: string): Promise<string[]> {
  let files: string[];
  try {
    files = await filesUnder(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    if (code === "ENOTDIR") throw new ExportFolderError(`${target} is a file, not a folder`);
    throw error;
  }
  if (!files.length) return [];
  const manifestText = await readFile(join(target, MANIFEST), "utf8").catch(() => undefined);
  let manifest: unknown;
  try {
    manifest = manifestText === undefined ? undefined : JSON.parse(manifestText);
  } catch {
    manifest = undefined;
  }
  if (!isExportManifest(manifest)) {
    const what = manifestText === undefined ? `holds no earlier export (no ${MANIFEST})` : `holds an ${MANIFEST} that this command did not write`;
    throw new ExportFolderError(`${target} is not empty and ${what}; nothing was changed: choose a new or empty folder`);
  }
  const written = new Set(manifest.written);
  const others = files.filter((file) => !written.has(file));
  if (others.length) {
    const shown = others.slice(0, 5).join(", ") + (others.length > 5 ? `, and ${others.length - 5} more` : "");
    throw new ExportFolderError(`${target} holds files the earlier export did not write (${shown}); nothing was changed: choose a new or empty folder`);
  }
  return files;
}

/** Deletes the earlier export's files (and the folders they leave empty), then writes through the writer. */
export async function openExportFolder(target: string, earlier: string[]): Promise<ExportWriter> {
  for (const file of earlier) await rm(join(target, file), { force: true });
  const folders = [...new Set(earlier.flatMap((file) => ancestors(file)))].sort((a, b) => b.length - a.length);
  for (const folder of folders) await rmdir(join(target, folder)).catch(() => undefined); // kept when not empty
  await mkdir(target, { recursive: true });
  const written: string[] = [];
  const place = async (path: string) => {
    if (!isPlainRelativePath(path)) throw new Error(`${path}: not a path inside the export`);
    await mkdir(dirname(join(target, path)), { recursive: true });
    written.push(path);
    return join(target, path);
  };
  return {
    written,
    write: async (path, bytes) => writeFile(await place(path), bytes),
    copy: async (path, from) => copyFile(from, await place(path))
  };
}

function ancestors(file: string): string[] {
  const parts = file.split("/").slice(0, -1);
  return parts.map((_, index) => parts.slice(0, index + 1).join("/"));
}
