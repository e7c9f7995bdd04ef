// Opening a notebook: read the file, show its cells and run them (once trusted); offer unsaved
// edits kept from an earlier visit; the page's keys. Saving, conflicts and leaving with unsaved
// changes are notebook-saving.ts's.
import { createBrowserKernel } from "../../kernels/browser/kernel.ts";
import { NotebookFileError, parseNotebook, serializeNotebook } from "../notebook/format.ts";
import { failureBanner, restoreBanner } from "./banners.ts";
import { h } from "./dom.ts";
import { clearDraft, draftsOf, newLoadId, recoverDrafts, type Draft } from "./drafts.ts";
import { fileApiFiles, readFile, readSampleDataset, runLoaderOnServer, runQueryOnServer } from "./file-api.ts";
import { commandFor, isMac, type KeyTarget } from "./keyboard.ts";
import { NotebookController } from "./notebook-controller.ts";
import { pageDom } from "./page-dom.ts";
import { isTrusted, trust } from "./trust.ts";
import { notebookModules } from "./trust-modules.ts";
import { holdUntilTrusted } from "./trust-gate.ts";
import { lazyValueRenderer } from "./lazy-widgets.ts";
import { installFileDrop } from "../widgets/file-drop.ts";
import { loopBudgetMs, readSettings, writeSettings } from "./settings.ts";

const TENSORFLOW_WAITS_AT_MOST_MS = 300;

export async function openNotebookPage(root: HTMLElement, path: string): Promise<void> {
  document.title = `${path} — Exemplar`;
  // Unsaved edits of this visit are kept as its own draft, apart from any other tab's.
  const load = newLoadId();
  let loaded;
  try {
    const [file] = await Promise.all([readFile(path), recoverDrafts()]);
    loaded = { ...file, ...parseNotebook(file.text, path, pageDom()) };
  } catch (error) {
    const located = error instanceof NotebookFileError ? `${error.file}, line ${error.line}, column ${error.column}: ${error.reason}` : (error as Error).message;
    root.replaceChildren(
      h("header", { class: "app-bar" }, h("a", { class: "brand", href: "/" }, "Exemplar")),
      h("section", { class: "page" }, h("h1", {}, "This notebook cannot be opened"), h("p", { class: "message error", role: "alert" }, located), h("p", {}, h("a", { href: "/" }, "Back to the notebooks")))
    );
    return;
  }
  const { notebook, warnings, text, version, modified } = loaded;
  // Trust covers the notebook's local modules too; the kernel refuses one changed since.
  const modules = await notebookModules(path, notebook.cells);
  let trusted = await isTrusted(modules.key(version));
  document.title = `${notebook.title} — Exemplar`;
  const column = () => root.querySelector(".cells") ?? document.body;

  const controller: NotebookController = new NotebookController({
    path,
    notebook,
    version,
    load,
    warnings,
    trustKey: modules.key,
    trusted: () => trusted,
    serialize: (edited) => serializeNotebook(edited, pageDom()),
    // Read on every (re)start, so a changed setting applies to the next runtime.
    createKernel: () =>
      createBrowserKernel({
        notebookPath: path,
        files: fileApiFiles(),
        column,
        loopBudgetMs: loopBudgetMs(readSettings()),
        pinnedModules: modules.pinned,
        // The server runs SQL and data loaders only for a notebook whose trust it has on record.
        runQuery: (query) => runQueryOnServer(path, query),
        runLoader: (run) => runLoaderOnServer(path, run),
        readSampleDataset,
        // The first outputs show before tfjs takes the main thread (at most a moment's wait when no output comes without it).
        beforeTensorflow: () => Promise.race([controller.outputsShown, new Promise<void>((resolve) => setTimeout(resolve, TENSORFLOW_WAITS_AT_MOST_MS))]),
        // Trainings too slow for the page train here (a static export leaves it out).
        trainerWorker: () => new Worker(new URL("../../kernels/browser/trainer-worker.ts", import.meta.url), { type: "module", name: "exemplar trainer" })
      }),
    renderValue: (host) => lazyValueRenderer(async () => (await import("../widgets/render.ts")).createValueRenderer(host)),
    // The dialog's code loads when it is first opened.
    settings: () =>
      void import("./settings-dialog.ts").then(({ openSettingsDialog }) =>
        openSettingsDialog(root, {
          current: readSettings(),
          onSave: (settings) => {
            writeSettings(settings);
            controller.restart();
          }
        })
      )
  });
  root.replaceChildren(controller.element);
  installFileDrop(controller.element, controller.widgetHost);

  offerDrafts();
  if (trusted) controller.start();
  else holdUntilTrusted(controller, { trust: () => trust(controller.saver.path, modules.key(controller.saver.version)), onTrusted: () => (trusted = true) });

  function offerDrafts(): void {
    const kept = draftsOf(path).filter((draft) => draft.text !== text);
    if (!kept.length) return;
    const { banners } = controller;
    banners.show(
      "restore",
      restoreBanner(
        kept.map((draft) => ({
          id: draft.load,
          at: draft.at,
          change: firstChange(text, draft.text),
          newer: modified === undefined || draft.at > modified,
          changedOnDisk: draft.base !== version,
          restore: () => restore(draft),
          discard: () => {
            clearDraft(draft.load);
            if (!banners.element.querySelector(".kept-draft")) banners.remove("restore");
          }
        }))
      )
    );
  }

  /** The draft's edits become this page's (saved as its own draft at once); the kept one goes. */
  function restore(draft: Draft): void {
    const { banners } = controller;
    try {
      const restored = parseNotebook(draft.text, path, pageDom()).notebook;
      controller.dispatch({ type: "replace", notebook: restored });
      controller.saver.writeDraft();
      clearDraft(draft.load);
      banners.element.querySelector(`.kept-draft[data-draft="${CSS.escape(draft.load)}"]`)?.remove();
      if (!banners.element.querySelector(".kept-draft")) banners.remove("restore");
      const changed = controller.notebook.cells.filter((cell) => controller.run.ranVersion(cell.id)?.value !== cell.value);
      controller.run.run(changed, controller.notebook.cells);
    } catch (error) {
      banners.show("failed", failureBanner(`the kept draft could not be read: ${(error as Error).message}`, () => banners.remove("failed")));
    }
  }

  document.addEventListener("keydown", (event) => onKey(controller, event));
  controller.saving.guardUnload();
}

function onKey(controller: NotebookController, event: KeyboardEvent): void {
  if (event.defaultPrevented) return;
  const target = event.target as Element;
  if (target.closest(".cm-editor")) return; // the editor's own keymap acts there
  const cellElement = target.closest<HTMLElement>(".cell");
  const where: KeyTarget = cellElement === target ? "cell" : target.matches("input, textarea, select, [contenteditable]") ? "field" : "page";
  const command = commandFor(event, where, isMac());
  if (!command) return;
  event.preventDefault();
  const id = Number(cellElement?.dataset.cellId ?? controller.selected);
  const actions = controller.cellActions;
  switch (command) {
    case "save":
      return void controller.save();
    case "undo":
      return actions.undo();
    case "redo":
      return actions.redo();
    case "previous":
    case "next":
      return void controller.focusSibling(id, command === "previous" ? -1 : 1, "cell");
    case "edit":
      return controller.view(id)?.focusEditor("end");
    case "add-above":
    case "add-below":
      return actions.add(id, command === "add-above" ? "above" : "below");
    case "delete":
      return actions.remove(id);
    case "run":
    case "run-and-stay":
      actions.run(id, false);
      if (command === "run") controller.advanceFrom(id, "cell");
  }
}

/** The first line of `edited` that `original` does not have, shortened: what tells a draft apart. */
function firstChange(original: string, edited: string): string {
  const lines = new Set(original.split("\n").map((line) => line.trim()));
  const changed = edited.split("\n").map((line) => line.trim()).find((line) => line && !lines.has(line)) ?? "(lines removed)";
  return changed.length > 60 ? `${changed.slice(0, 59)}…` : changed;
}
