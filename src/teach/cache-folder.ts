// The training cache in Node: one folder (by default `.exemplar/cache` beside the notebook, which
// git ignores), two files per entry — `<key>.json` (shapes, history) and `<key>.bin` (weights).
// Each file is written to a temporary name and renamed, so a crash never leaves half an entry.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { packEntry, unpackEntry, type CachedTraining, type TrainingCache } from "./cache-entry.ts";

export function folderCache(folder: string): TrainingCache {
  return {
    async get(key) {
      let meta: string;
      let data: Buffer;
      try {
        [meta, data] = await Promise.all([readFile(join(folder, `${key}.json`), "utf8"), readFile(join(folder, `${key}.bin`))]);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      try {
        return unpackEntry(meta, data);
      } catch {
        return undefined; // a damaged entry is a miss: training runs again and rewrites it
      }
    },
    async set(key, entry: CachedTraining) {
      const { meta, data } = packEntry(entry);
      await mkdir(folder, { recursive: true });
      // The weights first: an entry counts only once its .json exists.
      await writeAtomically(join(folder, `${key}.bin`), data);
      await writeAtomically(join(folder, `${key}.json`), meta);
    }
  };
}

async function writeAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}
