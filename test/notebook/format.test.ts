import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotebook, serializeNotebook, NotebookFileError } from "../../src/notebook/format.ts";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import { notebookFiles, projectRoot } from "../helpers/notebooks.ts";

const roundTripped = [...notebookFiles("notebooks"), ...notebookFiles("test/fixtures")];

describe("notebook files", () => {
  it.each(roundTripped.map((file) => [basename(file), file]))("%s round-trips byte for byte through Kit's serializer", (_, file) => {
    const text = readFileSync(file, "utf8");
    const { notebook, warnings } = parseNotebook(text, file, nodeDom());
    expect(warnings).toEqual([]);
    expect(serializeNotebook(notebook, nodeDom())).toBe(text);
  });

  it("there are shipped notebooks and fixtures to round-trip", () => {
    expect(notebookFiles("notebooks").length).toBeGreaterThanOrEqual(1);
    expect(notebookFiles("test/fixtures").length).toBeGreaterThanOrEqual(2);
  });

  it("keeps Kit's attributes: pinned, hidden, output, modes and theme", async () => {
    const { notebook } = await readNotebookFile(join(projectRoot, "test/fixtures/kit-features.html"));
    expect(notebook.theme).toEqual({ light: "air", dark: "near-midnight" });
    expect(notebook.readOnly).toBe(true);
    expect(notebook.cells.map((cell) => [cell.id, cell.mode, cell.pinned, cell.hidden, cell.output ?? null])).toEqual([
      [1, "md", false, false, null],
      [2, "js", true, false, null],
      [5, "ts", true, true, null],
      [3, "html", false, false, "banner"],
      [4, "js", false, false, null]
    ]);
  });
});

describe("files that are not notebooks, or that saving would change", () => {
  const invalid = (name: string) => join(projectRoot, "test/fixtures/invalid", name);

  it("a page without <notebook> is rejected with its location", async () => {
    const error = await readNotebookFile(invalid("not-a-notebook.html")).catch((e) => e);
    expect(error).toBeInstanceOf(NotebookFileError);
    expect(error.message).toMatch(/not-a-notebook\.html:1:1: not a notebook/);
  });

  it("a missing file, a folder and a binary file are rejected, not crashed on", async () => {
    await expect(readNotebookFile(invalid("nope.html"))).rejects.toThrow(/nope\.html:1:1: no such file/);
    await expect(readNotebookFile(join(projectRoot, "test"))).rejects.toThrow(/is a folder/);
    await expect(readNotebookFile(join(projectRoot, "node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"))).rejects.toThrow(/binary/);
  });

  it("duplicate ids are reported on the line of the second one", async () => {
    const { warnings } = await readNotebookFile(invalid("duplicate-ids.html"));
    expect(warnings).toEqual([expect.objectContaining({ line: 7, column: 11, message: expect.stringMatching(/duplicate cell id 1/) })]);
  });

  it("ids that are not positive integers, and missing ids, are reported", async () => {
    const { warnings } = await readNotebookFile(invalid("bad-ids.html"));
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [4, expect.stringMatching(/"intro" is not a positive integer/)],
      [7, expect.stringMatching(/"2.5" is not a positive integer/)],
      [10, expect.stringMatching(/no id/)]
    ]);
  });

  it("an unknown cell type is reported (Kit would save it as JavaScript)", async () => {
    const { warnings } = await readNotebookFile(invalid("unknown-type.html"));
    expect(warnings).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/unknown cell type "text\/x-python-notebook"/) })]);
  });

  it("content Kit drops is reported, each piece on its own line", async () => {
    const { warnings } = await readNotebookFile(invalid("stray-content.html"));
    expect(warnings.map((w) => `${w.line}:${w.column} ${w.message.split(":")[0]}`)).toEqual([
      "2:1 content outside <notebook> is not kept when saving",
      '3:23 attribute "data-owner" on <notebook> is not kept when saving',
      "5:3 comment inside <notebook> is not kept when saving",
      '6:32 attribute "class" on a cell is not kept when saving',
      "9:3 text outside a cell is not kept when saving",
      "10:3 <div> inside <notebook> is not kept when saving"
    ]);
  });

  it("every warned-about file still deserializes (nothing is lost before the person decides)", async () => {
    for (const name of ["duplicate-ids.html", "bad-ids.html", "unknown-type.html", "stray-content.html"]) {
      const { notebook } = await readNotebookFile(invalid(name));
      expect(notebook.cells.length).toBeGreaterThan(0);
    }
  });
});
