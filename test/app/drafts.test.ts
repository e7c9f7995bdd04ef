import { memoryStorage } from "../helpers/storage.ts";
import { describe, expect, it } from "vitest";
import { clearDraft, draftsOf, newLoadId, storeDraft } from "../../src/app/drafts.ts";

describe("drafts of unsaved edits", () => {
  it("are kept per page load, so two tabs on one notebook each keep theirs, newest first, until cleared", () => {
    const storage = memoryStorage();
    const [first, second] = [newLoadId(), newLoadId()];
    expect(first).not.toBe(second);
    expect(storeDraft({ path: "a.html", load: first, text: "A from the first tab", base: "v1", at: 1 }, storage)).toBe(true);
    storeDraft({ path: "a.html", load: second, text: "A from the second tab", base: "v1", at: 2 }, storage);
    storeDraft({ path: "b.html", load: newLoadId(), text: "B", base: "v2", at: 3 }, storage);
    expect(draftsOf("a.html", storage).map((draft) => draft.text)).toEqual(["A from the second tab", "A from the first tab"]);
    clearDraft(second, storage);
    expect(draftsOf("a.html", storage).map((draft) => draft.text)).toEqual(["A from the first tab"]);
    expect(draftsOf("b.html", storage)).toHaveLength(1);
  });

  it("a draft kept by an earlier version (one per path) is still offered, and cleared like the others", () => {
    const storage = memoryStorage();
    storage.setItem("exemplar:draft:a.html", JSON.stringify({ text: "old", base: "v1", at: 5 }));
    const [draft] = draftsOf("a.html", storage);
    expect(draft).toEqual({ path: "a.html", load: "a.html", text: "old", base: "v1", at: 5 });
    clearDraft(draft.load, storage);
    expect(draftsOf("a.html", storage)).toEqual([]);
  });

  it("a full storage is reported, and a corrupt entry reads as no draft", () => {
    expect(storeDraft({ path: "a.html", load: "x", text: "A", base: "v1", at: 1 }, memoryStorage(true))).toBe(false);
    const storage = memoryStorage();
    storage.setItem("exemplar:draft:a.html", "{not json");
    expect(draftsOf("a.html", storage)).toEqual([]);
  });
});
