// Opening a notebook: read the file, show its cells and run them; offer unsaved edits kept from an
// earlier visit; hold saving back while Kit would change the file beyond the person's edits;
// handle save conflicts; ask before leaving with unsaved changes.
import { createBrowserKernel } from "../../kernels/browser/kernel.ts";
import { NotebookFileError, parseNotebook, serializeNotebook } from "../notebook/format.ts";
import type { NotebookProblem } from "../notebook/validate.ts";
import { conflictBanner, failureBanner, noticeBanner, restoreBanner, warningsBanner } from "./banners.ts";
import { h } from "./dom.ts";
import { clearDraft, loadDraft, recoverDraft } from "./drafts.ts";
import { fetchFile, fileUrl, readFile } from "./file-api.ts";
import { commandFor, isMac, type KeyTarget } from "./keyboard.ts";
import { notebookHref } from "./links.ts";
import { newNotebookPath } from "./new-notebook.ts";
import { NotebookController } from "./notebook-controller.ts";
import { pageDom } from "./page-dom.ts";
import { mayRun, trust } from "./trust.ts";
import { holdUntilTrusted } from "./trust-gate.ts";
import { lazyValueRenderer } from "./lazy-widgets.ts";
import { installFileDrop } from "../widgets/file-drop.ts";
import { loopBudgetMs, readSettings, writeSettings } from "./settings.ts";

export async function openNotebookPage(root: HTMLElement, path: string): Promise<void> {
  document.title = `${path} — Exemplar`;
  let loaded;
  try {
    const [file] = await Promise.all([readFile(path), recoverDraft(path)]);
    loaded = { ...file, ...parseNotebook(file.text, path, pageDom()) };
  } catch (error) {
    const located = error instanceof NotebookFileError ? `${error.file}, line ${error.line}, column ${error.column}: ${error.reason}` : (error as Error).message;
    root.replaceChildren(
      h("header", { class: "app-bar" }, h("a", { class: "brand", href: "/" }, "Exemplar")),
      h("section", { class: "page" }, h("h1", {}, "This notebook cannot be opened"), h("p", { class: "message error", role: "alert" }, located), h("p", {}, h("a", { href: "/" }, "Back to the notebooks")))
    );
    return;
  }
  const { notebook, warnings, text, version } = loaded;
  let trusted = await mayRun(version, text);
  document.title = `${notebook.title} — Exemplar`;
  const column = () => root.querySelector(".cells") ?? document.body;
  let saveAllowed = warnings.length === 0;
  let leaving = false;
  let ready = false;

  const controller: NotebookController = new NotebookController({
    path,
    notebook,
    version,
    serialize: (edited) => serializeNotebook(edited, pageDom()),
    // Read on every (re)start, so a changed setting applies to the next runtime.
    createKernel: () =>
      createBrowserKernel({
        notebookPath: path,
        files: { read: fetchFile, url: fileUrl },
        column,
        loopBudgetMs: loopBudgetMs(readSettings()),
        // Trainings too slow for the page train here (a static export leaves it out).
        trainerWorker: () => new Worker(new URL("../../kernels/browser/trainer-worker.ts", import.meta.url), { type: "module", name: "exemplar trainer" })
      }),
    onSaveState: (state) => {
      if (!ready) return;
      if (state.kind === "conflict") show("conflict", conflictBanner({ reload, overwrite: () => void controller.saver.save(true), saveAs }, copyName(controller.saver.path)));
      else if (state.kind === "failed") show("failed", failureBanner(state.message, () => remove("failed")));
      else if (state.kind === "saved") {
        remove("conflict");
        // What a trusted page saves stays trusted; saving does not trust a file nobody ran.
        if (trusted) trust(controller.saver.version);
      }
    },
    cellActions: (page) => ({
      save: () => void save(),
      renderValue: lazyValueRenderer(async () => {
        const [{ createValueRenderer }, { createPageWidgetHost }] = await Promise.all([import("../widgets/render.ts"), import("../widgets/page-host.ts")]);
        return createValueRenderer(createPageWidgetHost(page, path));
      })
    }),
    toolbarActions: () => ({
      save: () => void save(),
      // The dialog's code loads when it is first opened.
      settings: () =>
        void import("./settings-dialog.ts").then(({ openSettingsDialog }) =>
          openSettingsDialog(root, {
            current: readSettings(),
            onSave: (settings) => {
              writeSettings(settings);
              controller.run.restart(controller.notebook.cells);
            }
          })
        )
    })
  });
  root.replaceChildren(controller.element);
  installFileDrop(controller.element, controller, path);
  ready = true;

  function show(kind: string, banner: HTMLElement): void {
    remove(kind);
    controller.banners.append(banner);
  }
  function remove(kind: string): void {
    controller.banners.querySelector(`[data-banner="${kind}"]`)?.remove();
  }

  async function save(): Promise<void> {
    if (!saveAllowed) {
      show("notice", noticeBanner("Not saved yet: accept the changes listed above first (or copy what you need out of this file).", () => remove("notice")));
      return;
    }
    remove("notice");
    await controller.saver.save();
  }

  function reload(): void {
    leaving = true;
    clearDraft(controller.saver.path);
    location.reload();
  }

  async function saveAs(name: string): Promise<void> {
    let target: string;
    try {
      target = newNotebookPath(name);
    } catch (error) {
      return show("failed", failureBanner((error as Error).message, () => remove("failed")));
    }
    const state = await controller.saver.saveAs(target);
    if (state.kind === "saved") {
      leaving = true;
      location.href = notebookHref(target);
    }
  }

  if (warnings.length) offerWarnings(warnings);
  offerDraft();
  if (trusted) controller.start();
  else holdUntilTrusted(controller, { version: () => controller.saver.version, onTrusted: () => (trusted = true) });

  function offerWarnings(problems: NotebookProblem[]): void {
    show("warnings", warningsBanner(problems, () => ((saveAllowed = true), remove("warnings"), remove("notice"))));
  }

  function offerDraft(): void {
    const draft = loadDraft(path);
    if (!draft || draft.text === text) return;
    show(
      "restore",
      restoreBanner(draft.at, draft.base !== version, {
        restore: () => {
          remove("restore");
          try {
            const restored = parseNotebook(draft.text, path, pageDom()).notebook;
            controller.dispatch({ type: "replace", notebook: restored });
            const changed = controller.notebook.cells.filter((cell) => controller.run.ranVersion(cell.id)?.value !== cell.value);
            controller.run.run(changed, controller.notebook.cells);
          } catch (error) {
            show("failed", failureBanner(`the kept draft could not be read: ${(error as Error).message}`, () => remove("failed")));
          }
        },
        discard: () => {
          clearDraft(path);
          remove("restore");
        }
      })
    );
  }

  document.addEventListener("keydown", (event) => onKey(controller, event, save));
  addEventListener("beforeunload", (event) => {
    controller.saver.writeDraft();
    if (!leaving && controller.saver.isDirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  addEventListener("pagehide", () => controller.saver.writeDraft());
}

function onKey(controller: NotebookController, event: KeyboardEvent, save: () => Promise<void>): void {
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
      return void save();
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
      if (command === "run") controller.focusSibling(id, 1, "cell");
  }
}

function copyName(path: string): string {
  return path.replace(/(\.html)?$/i, "-copy.html");
}
