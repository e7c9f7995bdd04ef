// The training cache of a static export: read-only, over the weight files `exemplar build`
// copied from the notebook's .exemplar/cache (the same two files per entry as cache-folder.ts).
// A training not in the export is a miss, so the reader's browser trains it; nothing is stored.
import { unpackEntry, type TrainingCache } from "../teach/cache-entry.ts";
import { CACHE } from "./manifest.ts";

export function exportedCache(base: string | URL, keys: readonly string[]): TrainingCache {
  const exported = new Set(keys);
  return {
    async get(key) {
      // Only keys the manifest lists: a static host may answer any other path with its index page.
      if (!exported.has(key)) return undefined;
      const [meta, data] = await Promise.all([fetch(new URL(`${CACHE}${key}.json`, base)), fetch(new URL(`${CACHE}${key}.bin`, base))]);
      if (!meta.ok || !data.ok) return undefined;
      try {
        return unpackEntry(await meta.text(), new Uint8Array(await data.arrayBuffer()));
      } catch {
        return undefined; // damaged in transit: train instead
      }
    },
    async set() {
      // read-only: a reader's own training is not kept
    }
  };
}
