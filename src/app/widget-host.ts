// The widgets' host in the notebook page (the WidgetHost that src/widgets defines): table, plane
// and pad edits become source edits of the notebook (one undoable edit each; their run waits for a
// pause in the edits), file edits go through the file API over the version read (one undoable step
// each too: undo takes the edit back out of the file), examples cells are found among the cells
// that ran, and a dropped file becomes a file and a cell.
import type { Cell, Notebook } from "@observablehq/notebook-kit";
import { resolveNotebookPath } from "../notebook/notebook-paths.ts";
import type { ExampleEdit } from "../notebook/examples-source.ts";
import { replayChange, textChange } from "../notebook/text-change.ts";
import { examplesCells, examplesEditSource, examplesFinders, rowsCells } from "../widgets/host-parts.ts";
import type { WidgetHost } from "../widgets/widget.ts";
import { besideNotebook } from "../notebook/notebook-files.ts";
import { fileApiFiles, readFile, writeFile } from "./file-api.ts";
import type { StepEffect } from "./notebook-history.ts";

type FileEdit = Extract<StepEffect, { kind: "file" }>;

/** What the host needs of the page (the controller provides it). */
export interface WidgetPage {
  readonly notebook: Notebook;
  /** the version of the cell the kernel runs */
  ranVersion(id: number): Cell | undefined;
  /** the cell's latest value */
  valueOf(id: number): unknown;
  /** replaces a cell's source as one undoable edit; it runs once widget edits pause */
  editSource(id: number, value: string): void;
  /** runs the cell once widget edits pause */
  runSoon(id: number): void;
  /** a file beside the notebook was changed by a table: one undo step */
  recordFileEdit(edit: FileEdit): void;
  /** adds a JavaScript cell after the selected cell (else at the end) and runs it */
  addCellAfterSelected(source: string): void;
  names(): string[];
  notice(message: string): void;
}

export function createPageWidgetHost(page: WidgetPage, notebookPath: string): WidgetHost {
  const ids = () => page.notebook.cells.map((cell) => cell.id);
  const ran = (id: number) => page.ranVersion(id);
  const value = (id: number) => page.valueOf(id);

  return {
    notebookPath,
    ...examplesFinders(
      () => examplesCells(ids(), ran, value),
      () => rowsCells(ids(), ran, value)
    ),
    editExamples(cellId: number, ranSource: string, edit: ExampleEdit) {
      const cell = page.notebook.cells.find((candidate) => candidate.id === cellId);
      if (!cell) throw new Error("the examples cell was deleted");
      page.editSource(cellId, examplesEditSource(cell.value, ranSource, edit));
    },
    async editFile(path, change, cellId) {
      const { before, after } = await rewriteFile(path, change);
      page.recordFileEdit({ kind: "file", path, cellId, change: textChange(before, after) });
      page.runSoon(cellId);
    },
    createFile: async (path, text) => (await writeFile(path, text, { create: true })).ok,
    addCell: (source) => page.addCellAfterSelected(source),
    names: () => page.names(),
    notice: (message) => page.notice(message),
    resolvePath: (name) => resolveNotebookPath(notebookPath, name),
    filesBesideNotebook: () => besideNotebook(fileApiFiles(), notebookPath)
  };
}

/** Reads a file, changes its text and writes it over the version read; on a conflict reads it again and redoes the change, once. */
async function rewriteFile(path: string, change: (text: string) => string): Promise<{ before: string; after: string }> {
  for (let attempt = 0; ; attempt++) {
    const { text, version } = await readFile(path);
    const after = change(text);
    const result = await writeFile(path, after, { base: version });
    if (result.ok) return { before: text, after };
    // Changed on disk between our read and write: read it again and redo the edit, once.
    if (attempt > 0) throw new Error(`${path} keeps changing on disk; the edit was not saved`);
  }
}

/**
 * Undoes (or redoes) a table's edit of a file beside the notebook: the edited span is put back as
 * it was and saved, and the cell reading the file runs again. A file changed there since is left as
 * it is, and the message says so.
 */
export async function replayFileEdit(page: Pick<WidgetPage, "runSoon" | "notice">, edit: FileEdit, direction: "undo" | "redo"): Promise<void> {
  try {
    await rewriteFile(edit.path, (text) => {
      const replayed = replayChange(text, edit.change, direction);
      if (replayed === undefined) throw new Error(`${edit.path} was changed on disk where the edit was since; the edit was not ${direction === "undo" ? "undone" : "redone"} there`);
      return replayed;
    });
  } catch (error) {
    page.notice((error as Error).message);
    return;
  }
  page.runSoon(edit.cellId);
}
