// File versions for conflict detection: the sha-256 of the bytes (mtimes are too coarse), and saves
// that go through only when the file on disk is still the version the page loaded.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { writeFileAtomically } from "./atomic-write.ts";

export type SaveCondition =
  | { kind: "base"; version: string } // overwrite only the version the page loaded
  | { kind: "create" } // a new file: refuse if one exists
  | { kind: "force" }; // overwrite whatever is there

export type SaveOutcome = { saved: true; version: string } | { saved: false; current: string | null };

export function versionOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function isVersion(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text);
}

/** The version of the file at `path`, or null when there is none. */
export async function versionOnDisk(path: string): Promise<string | null> {
  try {
    return versionOf(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export async function saveIfUnchanged(path: string, bytes: Uint8Array, condition: SaveCondition): Promise<SaveOutcome> {
  return withPathLock(path, async () => {
    if (condition.kind === "create") {
      if (await writeFileAtomically(path, bytes, { exclusive: true })) return { saved: true, version: versionOf(bytes) };
      return { saved: false, current: await versionOnDisk(path) };
    }
    if (condition.kind === "base") {
      const current = await versionOnDisk(path);
      if (current !== condition.version) return { saved: false, current };
    }
    await writeFileAtomically(path, bytes);
    return { saved: true, version: versionOf(bytes) };
  });
}

const pathLocks = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task on the same path: check-then-write is not interleaved. */
function withPathLock<T>(path: string, task: () => Promise<T>): Promise<T> {
  const previous = pathLocks.get(path) ?? Promise.resolve();
  const result = previous.then(task, task);
  const settled = result.catch(() => {});
  pathLocks.set(path, settled);
  void settled.then(() => {
    if (pathLocks.get(path) === settled) pathLocks.delete(path);
  });
  return result;
}
