// Dropping a CSV, TSV or JSON file onto a notebook page saves it beside the notebook (through the
// file API, never overwriting a file there: "points.csv" becomes "points-2.csv") and adds a cell
// that loads it, after the selected cell, and runs it. The data lands in a file, not only in memory.
import { attachmentCellSource, isDataFile, nextFileName, safeFileName, variableNameFor } from "./attachment-cell.ts";
import type { WidgetHost } from "./widget.ts";

type DropHost = Pick<WidgetHost, "createFile" | "addCell" | "names" | "notice" | "resolvePath">;

export function installFileDrop(target: HTMLElement, host: DropHost): void {
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

  async function addFile(file: File): Promise<void> {
    if (!isDataFile(file.name)) return host.notice(`${file.name} was not added: drop a .csv, .tsv or .json file`);
    try {
      const name = await saveBeside(safeFileName(file.name), await file.text());
      host.addCell(attachmentCellSource(variableNameFor(name, host.names()), name));
    } catch (error) {
      host.notice(`${file.name} was not added: ${(error as Error).message}`);
    }
  }

  /** Creates the file beside the notebook under the first free name; returns that name. */
  async function saveBeside(name: string, text: string): Promise<string> {
    for (let attempt = 1; attempt < 100; attempt++) {
      const candidate = attempt === 1 ? name : nextFileName(name, attempt);
      if (await host.createFile(host.resolvePath(candidate), text)) return candidate;
    }
    throw new Error("no free file name beside the notebook");
  }
}
