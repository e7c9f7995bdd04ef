// Reading a notebook from disk in Node: one call that gives either the notebook or a located error.
import { readFile } from "node:fs/promises";
import { NotebookFileError, parseNotebook, type ParsedNotebook } from "./format.ts";
import { nodeDom } from "./node-dom.ts";

export async function readNotebookFile(path: string): Promise<ParsedNotebook> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a notebook file" : String(error);
    throw new NotebookFileError(path, 1, 1, reason);
  }
  if (text.includes("\u0000")) throw new NotebookFileError(path, 1, 1, "not a notebook: the file is binary");
  return parseNotebook(text, path, nodeDom());
}
