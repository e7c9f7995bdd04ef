// The widgets' host in the notebook page (the WidgetHost that src/widgets defines): table, plane
// and pad edits become source edits of the notebook (one undoable edit each; their run waits for a
// pause in the edits), file edits go through the file API over the version read, examples cells
// are found among the cells that ran, and a dropped file becomes a file and a cell.
import type { Cell, Notebook } from "@observablehq/notebook-kit";
import { resolveNotebookPath } from "../notebook/notebook-paths.ts";
import type { ExampleEdit } from "../notebook/examples-source.ts";
import { examplesCells, examplesEditSource, examplesFinders } from "../widgets/host-parts.ts";
import type { WidgetHost } from "../widgets/widget.ts";
import { besideNotebook } from "../notebook/notebook-files.ts";
import { fileApiFiles, readFile, writeFile } from "./file-api.ts";

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
  /** adds a JavaScript cell after the selected cell (else at the end) and runs it */
  addCellAfterSelected(source: string): void;
  names(): string[];
  notice(message: string): void;
}

export function createPageWidgetHost(page: WidgetPage, notebookPath: string): WidgetHost {
  const cells = () =>
    examplesCells(
      page.notebook.cells.map((cell) => cell.id),
      (id) => page.ranVersion(id),
      (id) => page.valueOf(id)
    );

  return {
    notebookPath,
    ...examplesFinders(cells),
    editExamples(cellId: number, ranSource: string, edit: ExampleEdit) {
      const cell = page.notebook.cells.find((candidate) => candidate.id === cellId);
      if (!cell) throw new Error("the examples cell was deleted");
      page.editSource(cellId, examplesEditSource(cell.value, ranSource, edit));
    },
    async editFile(path, change, cellId) {
      for (let attempt = 0; ; attempt++) {
        const { text, version } = await readFile(path);
        const result = await writeFile(path, change(text), { base: version });
        if (result.ok) break;
        // Changed on disk between our read and write: read it again and redo the edit, once.
        if (attempt > 0) throw new Error(`${path} keeps changing on disk; the edit was not saved`);
      }
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
