// Crash-safe file writes: a temp file in the same folder, flushed, then renamed over the target, so a
// process killed at any moment leaves either the old file or the new one, never a truncated one.
import { randomBytes } from "node:crypto";
import { link, open, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const TEMP_NAME = /^\..+\.exemplar-(\d+)-[0-9a-f]+\.tmp$/;

/** Temp files this process is writing now: never swept as stale. */
const activeTemps = new Set<string>();

/**
 * Writes `bytes` to `target` atomically. With `exclusive`, refuses (returns false) when `target`
 * already exists, decided atomically by the file system (a hard link fails on an existing name).
 */
export async function writeFileAtomically(target: string, bytes: Uint8Array, { exclusive = false } = {}): Promise<boolean> {
  const folder = dirname(target);
  await removeStaleTempFiles(folder);
  const temp = join(folder, `.${basename(target)}.exemplar-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  activeTemps.add(temp);
  try {
    const mode = await modeOf(target);
    const handle = await open(temp, "wx", mode ?? 0o666);
    try {
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (exclusive) {
      if (!(await linkUnlessExists(temp, target))) return false;
    } else {
      await rename(temp, target);
    }
    await syncFolder(folder);
    return true;
  } finally {
    // After a rename there is nothing left; after a failure or an exclusive link, the temp goes.
    await rm(temp, { force: true });
    activeTemps.delete(temp);
  }
}

/** Removes temp files left in `folder` by writers that died (a killed process, a power cut). */
export async function removeStaleTempFiles(folder: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const path = join(folder, name);
    const pid = Number(match[1]);
    if (activeTemps.has(path) || (pid !== process.pid && isRunning(pid))) continue;
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}

export function isTempFileName(name: string): boolean {
  return TEMP_NAME.test(name);
}

async function linkUnlessExists(temp: string, target: string): Promise<boolean> {
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // File systems without hard links: check, then rename (callers hold a per-path lock).
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
    if ((await modeOf(target)) !== undefined) return false;
    await rename(temp, target);
    return true;
  }
}

async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Makes the rename itself durable; some platforms cannot open or flush a folder, and that is fine. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, "r");
    await handle.sync();
  } catch (error) {
    if (!["EISDIR", "EINVAL", "EPERM", "EACCES"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
  } finally {
    await handle?.close();
  }
}

/** Whether a process with this id is alive (a temporary file or build folder it left is still its own). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
