// A second copy of what the page keeps in localStorage, in IndexedDB. Chromium writes
// localStorage to disk seconds after a change (a browser killed meanwhile loses it:
// test/e2e/crash-drafts.test.ts); a "strict" IndexedDB write is on disk once its transaction
// completes. Transactions on one store run in the order they were made, so a later delete never
// loses to an earlier put. Without IndexedDB (Node, a locked-down browser) every call quietly does
// nothing. It stores plain values by key and knows nothing of what they are (drafts.ts does).

const DATABASE = "exemplar-drafts";
const STORE = "drafts";

let opening: Promise<IDBDatabase | undefined> | undefined;

function database(): Promise<IDBDatabase | undefined> {
  return (opening ??= new Promise((resolve) => {
    if (typeof indexedDB === "undefined") return resolve(undefined);
    try {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  }));
}

async function transact<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => () => T): Promise<T | undefined> {
  const db = await database();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const transaction = db.transaction(STORE, mode, { durability: "strict" });
      const result = body(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(result());
      transaction.onerror = transaction.onabort = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

/** Keeps `value` under `key` (or drops it, for undefined); resolves once it is on disk. */
export async function backUp(key: string, value: unknown): Promise<void> {
  await transact("readwrite", (store) => {
    if (value === undefined) store.delete(key);
    else store.put(value, key);
    return () => undefined;
  });
}

/** Every value kept, by key. */
export async function backedUp(): Promise<Map<string, unknown>> {
  const entries = await transact("readonly", (store) => {
    const keys = store.getAllKeys();
    const values = store.getAll();
    return () => new Map(keys.result.map((key, index) => [String(key), values.result[index]] as const));
  });
  return entries ?? new Map();
}
