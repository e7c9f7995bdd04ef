// A second copy of each draft, in IndexedDB. Chromium writes localStorage to disk seconds after a
// change (a browser killed meanwhile loses it: test/e2e/crash-drafts.test.ts); a "strict"
// IndexedDB write is on disk once its transaction completes. Transactions on one store run in the
// order they were made, so a later clear never loses to an earlier put. Without IndexedDB (Node,
// a locked-down browser) every call quietly does nothing.
import type { Draft } from "./drafts.ts";

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

async function transact(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
  const db = await database();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const transaction = db.transaction(STORE, mode, { durability: "strict" });
      const request = body(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

/** Keeps `draft` for `path` (or drops it, for undefined); resolves once it is on disk. */
export async function backUpDraft(path: string, draft: Draft | undefined): Promise<void> {
  await transact("readwrite", (store): IDBRequest => (draft ? store.put(draft, path) : store.delete(path)));
}

export async function backedUpDraft(path: string): Promise<Draft | undefined> {
  const draft = (await transact("readonly", (store) => store.get(path))) as Draft | undefined;
  return draft && typeof draft.text === "string" ? draft : undefined;
}
