// FileAttachment's reading methods on bytes from a loader, as each kernel supplies them.
import { describe, expect, it } from "vitest";
import { createFileAttachment } from "../../src/runtime/stdlib/file-attachment.ts";

const files: Record<string, Uint8Array<ArrayBuffer>> = {
  "latin1.txt": Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), // "café" in ISO-8859-1
  "fruit.tsv": new TextEncoder().encode("name\tcount\napple\t12\n")
};
const FileAttachment = createFileAttachment(async (name) => new Response(files[name]));

describe("FileAttachment", () => {
  it("reads text as UTF-8, or in the encoding asked for", async () => {
    expect(await FileAttachment("latin1.txt").text("latin1")).toBe("café");
    expect(await FileAttachment("latin1.txt").text()).not.toBe("café");
  });

  it("parses TSV with types, and rows as arrays", async () => {
    expect(await FileAttachment("fruit.tsv").tsv({ typed: true })).toEqual(Object.assign([{ name: "apple", count: 12 }], { columns: ["name", "count"] }));
    expect(await FileAttachment("fruit.tsv").tsv({ array: true })).toEqual([["name", "count"], ["apple", "12"]]);
  });
});
