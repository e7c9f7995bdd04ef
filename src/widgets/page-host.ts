// The widgets' host in the notebook page: table, plane and pad edits become source edits through
// the controller (one undoable edit each; their run waits for a pause in the edits), file edits go
// through the file API over the version read, and examples cells are found from what ran.
import type { NotebookController } from "../app/notebook-controller.ts";
import { readFile, writeFile } from "../app/file-api.ts";
import { resolveNotebookPath } from "../../kernels/browser/paths.ts";
import { applyExampleEdit, type ExampleEdit } from "../notebook/examples-source.ts";
import type { Example } from "../teach/examples.ts";
import { examplesParse } from "./examples-table.ts";
import type { ExamplesCellRef, ExamplesTableView, WidgetHost } from "./widget.ts";

export function createPageWidgetHost(controller: NotebookController, notebookPath: string): WidgetHost {
  const tables = new Map<number, ExamplesTableView>();

  /** Every examples cell as it ran, with its current value. */
  function* examplesCells(): Generator<ExamplesCellRef> {
    for (const cell of controller.notebook.cells) {
      const ran = controller.run.ranVersion(cell.id);
      if (!ran || (ran.mode !== "js" && ran.mode !== "ts")) continue;
      const parse = examplesParse(ran.value);
      if (!parse.ok) continue;
      const values = (controller.run.runtime.report(cell.id)?.value as Record<string, unknown> | undefined)?.[parse.table.name];
      if (Array.isArray(values)) yield { cellId: cell.id, source: ran.value, table: parse.table, values: values as Example[] };
    }
  }

  return {
    notebookPath,
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
    examplesCellOf(values) {
      for (const cell of examplesCells()) if (cell.values === values) return cell;
      return undefined;
    },
    findExamplesCell(test) {
      for (const cell of examplesCells()) if (test(cell.values)) return cell;
      return undefined;
    },
    registerTable(cellId, table) {
      tables.set(cellId, table);
      return () => {
        if (tables.get(cellId) === table) tables.delete(cellId);
      };
    },
    showExamples(cellId, indices, description) {
      const table = tables.get(cellId);
      if (!table?.element.isConnected) return false;
      table.select(indices, description);
      table.element.scrollIntoView({ block: "center", behavior: "smooth" });
      return true;
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
