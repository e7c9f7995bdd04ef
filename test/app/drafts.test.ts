import { memoryStorage } from "../helpers/storage.ts";
import { describe, expect, it } from "vitest";
import { clearDraft, loadDraft, storeDraft } from "../../src/app/drafts.ts";

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
