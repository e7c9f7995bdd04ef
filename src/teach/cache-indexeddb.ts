// The training cache in the page: one IndexedDB object store, an entry per key holding the packed
// shapes and history and the weights' bytes. A store that cannot open (private mode, no
// IndexedDB) makes every lookup a miss rather than an error: training simply runs.
import { packEntry, unpackEntry, type TrainingCache } from "./cache-entry.ts";

const STORE = "trainings";

export function indexedDbCache(name = "exemplar-training-cache"): TrainingCache {
  let opening: Promise<IDBDatabase | undefined> | undefined;
  const database = () =>
    (opening ??= new Promise((resolve) => {
      if (typeof indexedDB === "undefined") return resolve(undefined);
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
    }));
  const run = async <T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> => {
    const db = await database();
    if (!db) return undefined;
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = body(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  };
  return {
    async get(key) {
      const stored = (await run("readonly", (store) => store.get(key))) as { meta: string; data: Uint8Array } | undefined;
      return stored ? unpackEntry(stored.meta, stored.data) : undefined;
    },
    async set(key, entry) {
      await run("readwrite", (store) => store.put(packEntry(entry), key));
    }
  };
}
