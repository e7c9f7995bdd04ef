// The widgets' host in a static export: widgets show as in the app (tables, the plane, charts,
// the training panel) and find examples the same way, but nothing can be written back — there is
// no file API and no editor — so an edit is refused with a message the widget shows in place.
import type { Cell } from "@observablehq/notebook-kit";
import { resolveNotebookPath } from "../notebook/notebook-paths.ts";
import { examplesCells, examplesFinders } from "../widgets/host-parts.ts";
import type { WidgetHost } from "../widgets/widget.ts";

export const READ_ONLY_MESSAGE = "this is a read-only export: open the notebook in Exemplar to change its examples";

export function createReadOnlyWidgetHost(notebookPath: string, cells: Cell[], value: (id: number) => unknown): WidgetHost {
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  return {
    notebookPath,
    ...examplesFinders(() => examplesCells(byId.keys(), (id) => byId.get(id), value)),
    editExamples() {
      throw new Error(READ_ONLY_MESSAGE);
    },
    editFile: () => Promise.reject(new Error(READ_ONLY_MESSAGE)),
    createFile: () => Promise.reject(new Error(READ_ONLY_MESSAGE)),
    addCell() {
      throw new Error(READ_ONLY_MESSAGE);
    },
    names: () => [],
    notice: (message) => console.info(`exemplar: ${message}`),
    resolvePath: (name) => resolveNotebookPath(notebookPath, name),
    filesBesideNotebook: () => ({ read: () => Promise.reject(new Error(READ_ONLY_MESSAGE)), write: () => Promise.reject(new Error(READ_ONLY_MESSAGE)) })
  };
}
