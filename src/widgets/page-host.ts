// The widgets' host in the notebook page: table, plane and pad edits become source edits through
// the controller (one undoable edit each; their run waits for a pause in the edits), file edits go
// through the file API over the version read, and examples cells are found from what ran.
import type { NotebookController } from "../app/notebook-controller.ts";
import { readFile, writeFile } from "../app/file-api.ts";
import { resolveNotebookPath } from "../notebook/notebook-paths.ts";
import { applyExampleEdit, type ExampleEdit } from "../notebook/examples-source.ts";
import { examplesParse } from "./examples-table.ts";
import { examplesCells, examplesFinders } from "./host-parts.ts";
import type { WidgetHost } from "./widget.ts";

export function createPageWidgetHost(controller: NotebookController, notebookPath: string): WidgetHost {
  const cells = () =>
    examplesCells(
      controller.notebook.cells.map((cell) => cell.id),
      (id) => controller.run.ranVersion(id),
      (id) => controller.run.runtime.report(id)?.value
    );

  return {
    notebookPath,
    ...examplesFinders(cells),
    editExamples(cellId: number, ranSource: string, edit: ExampleEdit) {
      const cell = controller.notebook.cells.find((candidate) => candidate.id === cellId);
      if (!cell) throw new Error("the examples cell was deleted");
      if (edit.kind !== "add" && cell.value !== ranSource) {
        const [now, then] = [examplesParse(cell.value), examplesParse(ranSource)];
        const same = now.ok && then.ok && JSON.stringify(now.table.rows[edit.row]) === JSON.stringify(then.table.rows[edit.row]);
        if (!same) throw new Error("the examples cell was edited since it ran: run it (Shift-Enter), then edit the table");
      }
      controller.editCellSoon(cellId, applyExampleEdit(cell.value, edit));
    },
    async editFile(path, change, cellId) {
      for (let attempt = 0; ; attempt++) {
        const { text, version } = await readFile(path);
        const result = await writeFile(path, change(text), { base: version });
        if (result.ok) break;
        // Changed on disk between our read and write: read it again and redo the edit, once.
        if (attempt > 0) throw new Error(`${path} keeps changing on disk; the edit was not saved`);
      }
      controller.runSoon(cellId);
    },
    resolvePath: (name) => resolveNotebookPath(notebookPath, name)
  };
}
