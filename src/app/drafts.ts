// Unsaved edits kept in the browser (localStorage) as they are typed, so a crash or a closed tab
// can offer them back. One draft per page load, never per path: two tabs editing one notebook each
// keep their own, and both are offered after a crash. A draft holds its notebook's path, the
// serialized text, the version of the file it was based on and when it was written; it is deleted
// when saved or discarded. Each is also backed up in IndexedDB (draft-backup.ts), which survives a
// browser killed before it wrote localStorage to disk.
import { backedUp, backUp } from "./draft-backup.ts";

export interface Draft {
  /** the notebook's path under the root */
  path: string;
  /** the page load that wrote it */
  load: string;
  text: string;
  /** the file version the edits started from */
  base: string;
  /** when the draft was written (ms since the epoch) */
  at: number;
}

// Drafts of earlier versions were kept one per path, under this prefix and the path: they read
// as a draft whose load is the path, so they are offered and cleared like any other.
const PREFIX = "exemplar:draft:";

/** An id for this page load. */
export function newLoadId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function parse(key: string, value: unknown): Draft | undefined {
  const draft = (typeof value === "string" ? JSON.parse(value) : value) as Partial<Draft> | null;
  if (!draft || typeof draft.text !== "string" || typeof draft.at !== "number") return undefined;
  const load = key.slice(PREFIX.length);
  return { path: draft.path ?? load, load: draft.load ?? load, text: draft.text, base: draft.base ?? "", at: draft.at };
}

/** Every draft kept for `path`, newest first. */
export function draftsOf(path: string, storage: Storage = localStorage): Draft[] {
  const drafts: Draft[] = [];
  try {
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index);
      if (!key?.startsWith(PREFIX)) continue;
      try {
        const draft = parse(key, storage.getItem(key));
        if (draft?.path === path) drafts.push(draft);
      } catch {
        // a corrupt entry reads as no draft
      }
    }
  } catch {
    // storage unavailable: no drafts to offer
  }
  return drafts.sort((a, b) => b.at - a.at);
}

/** Returns false when the browser refused (storage full or disabled), so the page can say so. */
export function storeDraft(draft: Draft, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(PREFIX + draft.load, JSON.stringify(draft));
    if (storage === globalThis.localStorage) void backUp(draft.load, draft);
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(load: string, storage: Storage = localStorage): void {
  if (storage === globalThis.localStorage) void backUp(load, undefined);
  try {
    storage.removeItem(PREFIX + load);
  } catch {
    // nothing to clear if storage is unavailable
  }
}

/** Brings back drafts that only their IndexedDB backup kept (the browser was killed), before draftsOf. */
export async function recoverDrafts(storage: Storage = localStorage): Promise<void> {
  for (const [load, value] of await backedUp()) {
    const backup = parse(PREFIX + load, value);
    if (!backup) continue;
    let kept: Draft | undefined;
    try {
      const text = storage.getItem(PREFIX + load);
      kept = text ? parse(PREFIX + load, text) : undefined;
    } catch {
      kept = undefined;
    }
    if (kept && kept.at >= backup.at) continue;
    try {
      storage.setItem(PREFIX + load, JSON.stringify(backup));
    } catch {
      // storage refused: the draft stays in its backup for the next visit
    }
  }
}
