// Reads notebook files in a worker thread (see reader-thread.ts), so that a file which made reading
// hang is caught by a time limit instead of freezing the test run. Replies with what the reader
// gave: a notebook (and what a save would read back), or the error it threw.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { readNotebookFile } = await import("../../src/notebook/read-file.ts");
const { NotebookFileError, parseNotebook, serializeNotebook } = await import("../../src/notebook/format.ts");
const { nodeDom } = await import("../../src/notebook/node-dom.ts");

const cellsOf = (notebook) =>
  notebook.cells.map(({ id, mode, value, pinned, hidden, output }) => ({ id, mode, value, pinned, hidden, output: output ?? null }));

parentPort.on("message", async ({ path }) => {
  try {
    const { notebook, warnings } = await readNotebookFile(path);
    // What a save would write, read back: the cells must come back as they were.
    const saved = serializeNotebook(notebook, nodeDom());
    const reread = parseNotebook(saved, path, nodeDom());
    parentPort.postMessage({
      kind: "notebook",
      title: notebook.title,
      cells: cellsOf(notebook),
      warnings,
      reread: { cells: cellsOf(reread.notebook), title: reread.notebook.title, warnings: reread.warnings }
    });
  } catch (error) {
    parentPort.postMessage({
      kind: error instanceof NotebookFileError ? "file-error" : "other-error",
      name: error?.name,
      message: String(error?.message ?? error),
      stack: String(error?.stack ?? ""),
      line: error?.line,
      column: error?.column
    });
  }
});
parentPort.postMessage({ kind: "ready" });
