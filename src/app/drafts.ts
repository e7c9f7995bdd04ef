// Unsaved edits kept in the browser (localStorage) as they are typed, so a crash or a closed tab
// can offer to restore them. One draft per notebook path: the serialized text and the version of
// the file it was based on. Each is also backed up in IndexedDB (draft-backup.ts), which survives
// a browser killed before it wrote localStorage to disk.
import { backedUpDraft, backUpDraft } from "./draft-backup.ts";

export interface Draft {
  text: string;
  /** the file version the edits started from */
  base: string;
  /** when the draft was written (ms since the epoch) */
  at: number;
}

const PREFIX = "exemplar:draft:";

export function loadDraft(path: string, storage: Storage = localStorage): Draft | undefined {
  try {
    const raw = storage.getItem(PREFIX + path);
    const draft = raw ? (JSON.parse(raw) as Draft) : undefined;
    return draft && typeof draft.text === "string" ? draft : undefined;
  } catch {
    return undefined;
  }
}

/** Returns false when the browser refused (storage full or disabled), so the page can say so. */
export function storeDraft(path: string, draft: Draft, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(PREFIX + path, JSON.stringify(draft));
    if (storage === globalThis.localStorage) void backUpDraft(path, draft);
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(path: string, storage: Storage = localStorage): void {
  if (storage === globalThis.localStorage) void backUpDraft(path, undefined);
  try {
    storage.removeItem(PREFIX + path);
  } catch {
    // nothing to clear if storage is unavailable
  }
}

/** Brings back a draft that only its IndexedDB backup kept (the browser was killed), before loadDraft. */
export async function recoverDraft(path: string, storage: Storage = localStorage): Promise<void> {
  const backup = await backedUpDraft(path);
  const kept = loadDraft(path, storage);
  if (!backup || (kept && kept.at >= backup.at)) return;
  try {
    storage.setItem(PREFIX + path, JSON.stringify(backup));
  } catch {
    // storage refused: the draft stays in its backup for the next visit
  }
}
