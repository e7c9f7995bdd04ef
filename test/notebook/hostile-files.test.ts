// Files written to break the reader. Each is read in a worker thread with a time limit, so that a
// reader which loops for ever fails the test instead of freezing the run.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HANG_MS, ReaderThread } from "../helpers/reader-thread.ts";

const folder = mkdtempSync(join(tmpdir(), "exemplar-hostile-"));
const reader = new ReaderThread();
afterAll(() => {
  reader.close();
  rmSync(folder, { recursive: true, force: true });
});

let written = 0;
function read(text: string) {
  const path = join(folder, `hostile-${written++}.html`);
  writeFileSync(path, text);
  return reader.read(path);
}

const NOTEBOOK_HEAD = '<!doctype html>\n<notebook theme="air">\n  <title>Hostile</title>\n';

describe("files written to break the reader", () => {
  it("a < that starts no tag inside <notebook> is reported as stray text, not looped on for ever", { timeout: HANG_MS + 10_000 }, async () => {
    const reply = await read(`${NOTEBOOK_HEAD}  1 < 2\n  <script id="1" type="module">const a = 1;</script>\n</notebook>\n`);
    expect(reply).toMatchObject({
      kind: "notebook",
      cells: [{ id: 1, value: "const a = 1;" }],
      warnings: [{ line: 4, column: 3, message: expect.stringMatching(/^text outside a cell is not kept when saving: "1 < 2"/) }]
    });
  });

  it("a 2 MB comment full of <notebook> tags is skipped in one pass, not searched once per tag", { timeout: HANG_MS + 10_000 }, async () => {
    const reply = await read(`<!--${"<notebook>".repeat(200_000)}-->\n${NOTEBOOK_HEAD}  <script id="1" type="module">1</script>\n</notebook>\n`);
    expect(reply).toMatchObject({
      kind: "notebook",
      cells: [{ id: 1, value: "1" }],
      warnings: [{ line: 1, column: 1, message: expect.stringMatching(/^content outside <notebook> is not kept when saving/) }]
    });
  });

  it("20,000 unclosed tags are refused with their location before the HTML parser spends minutes on them", { timeout: HANG_MS + 10_000 }, async () => {
    const reply = await read(`${NOTEBOOK_HEAD}  ${"<b>".repeat(20_000)}\n  <script id="1" type="module">1</script>\n</notebook>\n`);
    expect(reply).toMatchObject({ kind: "file-error", line: 4, column: 3, message: expect.stringMatching(/:4:3: not a notebook: more than 500 tags, attributes and comments/) });
  });

  it("20,000 nested <notebook> tags are refused too: only the first one is the notebook's", { timeout: HANG_MS + 10_000 }, async () => {
    const reply = await read(`${"<notebook>".repeat(20_000)}\n${NOTEBOOK_HEAD}  <script id="1" type="module">1</script>\n</notebook>\n`);
    expect(reply).toMatchObject({ kind: "file-error", line: 1, column: 11 });
  });

  it("a cell with 30,000 distinct attributes is refused, not handed to the parser", { timeout: HANG_MS + 10_000 }, async () => {
    const attributes = Array.from({ length: 30_000 }, (_, i) => ` data-${i}=""`).join("");
    const reply = await read(`${NOTEBOOK_HEAD}  <script id="1" type="module"${attributes}>1</script>\n</notebook>\n`);
    expect(reply).toMatchObject({ kind: "file-error", line: 4, column: 3 });
  });

  it("a notebook with a few hundred stray tags is still read, each reported where it stands", async () => {
    const reply = await read(`${NOTEBOOK_HEAD}${"  <br>\n".repeat(300)}  <script id="1" type="module">1</script>\n</notebook>\n`);
    expect(reply.kind).toBe("notebook");
    if (reply.kind !== "notebook") return;
    expect(reply.cells).toEqual([expect.objectContaining({ id: 1, value: "1" })]);
    expect(reply.warnings).toHaveLength(300);
    expect(reply.warnings[299]).toMatchObject({ line: 303, column: 3, message: "<br> inside <notebook> is not kept when saving" });
  });

  it("a notebook inside <svg> is refused: the cells would be parsed as markup, and saving would write that back", async () => {
    const reply = await read(`<svg>\n${NOTEBOOK_HEAD}  <script id="1" type="module">\n    const ok = 1 <b && 2;\n  </script>\n</notebook>\n`);
    expect(reply).toMatchObject({ kind: "file-error", line: 5, column: 3, message: expect.stringMatching(/not read as written/) });
  });

  it("a notebook swallowed by an unclosed <textarea> is refused, not opened empty (a save would erase it)", async () => {
    const reply = await read(`<textarea>\n${NOTEBOOK_HEAD}  <script id="1" type="module">1</script>\n</notebook>\n`);
    expect(reply).toMatchObject({ kind: "file-error", message: expect.stringMatching(/not read as written/) });
  });
});
