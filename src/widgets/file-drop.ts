// Dropping a CSV, TSV or JSON file onto a notebook page saves it beside the notebook (through the
// file API, never overwriting a file there: "points.csv" becomes "points-2.csv") and adds a cell
// that loads it, after the selected cell, and runs it. The data lands in a file, not only in memory.
import type { NotebookController } from "../app/notebook-controller.ts";
import { noticeBanner } from "../app/banners.ts";
import { writeFile } from "../app/file-api.ts";
import { nextCellId, indexOfCell } from "../notebook/reducer.ts";
import { resolveNotebookPath } from "../notebook/notebook-paths.ts";
import { attachmentCellSource, isDataFile, nextFileName, safeFileName, variableNameFor } from "./attachment-cell.ts";

export function installFileDrop(target: HTMLElement, controller: NotebookController, notebookPath: string): void {
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") ?? false;
  target.addEventListener("dragover", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    target.classList.add("drop-target");
  });
  target.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null || !target.contains(event.relatedTarget as Node)) target.classList.remove("drop-target");
  });
  target.addEventListener("drop", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    target.classList.remove("drop-target");
    for (const file of Array.from(event.dataTransfer!.files)) void addFile(file);
  });

  const notice = (message: string) => {
    const banner = noticeBanner(message, () => banner.remove());
    controller.banners.append(banner);
  };

  async function addFile(file: File): Promise<void> {
    if (!isDataFile(file.name)) return notice(`${file.name} was not added: drop a .csv, .tsv or .json file`);
    try {
      const name = await saveBeside(safeFileName(file.name), await file.text());
      const variable = variableNameFor(name, controller.cellActions.names.names());
      const selected = controller.selected;
      const at = selected !== undefined && indexOfCell(controller.notebook, selected) >= 0 ? indexOfCell(controller.notebook, selected) + 1 : controller.notebook.cells.length;
      const id = nextCellId(controller.notebook);
      controller.dispatch({ type: "add", at, cell: { id, mode: "js", value: attachmentCellSource(variable, name) } });
      controller.cellActions.run(id, false);
    } catch (error) {
      notice(`${file.name} was not added: ${(error as Error).message}`);
    }
  }

  /** Creates the file beside the notebook under the first free name; returns that name. */
  async function saveBeside(name: string, text: string): Promise<string> {
    for (let attempt = 1; attempt < 100; attempt++) {
      const candidate = attempt === 1 ? name : nextFileName(name, attempt);
      const result = await writeFile(resolveNotebookPath(notebookPath, candidate), text, { create: true });
      if (result.ok) return candidate;
    }
    throw new Error("no free file name beside the notebook");
  }
}
