import { describe, expect, it } from "vitest";
import { clearDraft, loadDraft, storeDraft } from "../../src/app/drafts.ts";

/** The Web Storage interface over a Map (Node has no localStorage); `full` refuses writes like a full quota. */
function memoryStorage(full = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (full) throw new DOMException("quota exceeded", "QuotaExceededError");
      items.set(key, value);
    },
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear()
  };
}

describe("drafts of unsaved edits", () => {
  it("are kept per notebook path until cleared", () => {
    const storage = memoryStorage();
    expect(storeDraft("a.html", { text: "A", base: "v1", at: 1 }, storage)).toBe(true);
    storeDraft("b.html", { text: "B", base: "v2", at: 2 }, storage);
    expect(loadDraft("a.html", storage)).toEqual({ text: "A", base: "v1", at: 1 });
    clearDraft("a.html", storage);
    expect(loadDraft("a.html", storage)).toBeUndefined();
    expect(loadDraft("b.html", storage)?.text).toBe("B");
  });

  it("a full storage is reported, and a corrupt entry reads as no draft", () => {
    expect(storeDraft("a.html", { text: "A", base: "v1", at: 1 }, memoryStorage(true))).toBe(false);
    const storage = memoryStorage();
    storage.setItem("exemplar:draft:a.html", "{not json");
    expect(loadDraft("a.html", storage)).toBeUndefined();
  });
});
