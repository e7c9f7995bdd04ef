// The one way the page saves (Ctrl/Cmd-S in a cell or on the page, the Save button): held back
// while Kit would change the file beyond the person's edits, until they accept that; then the
// Saver's compare-before-save. A conflict offers reload, overwrite or save-as; a failure says why;
// what a trusted page saves stays trusted. Leaving with unsaved changes asks first.
import type { Notebook } from "@observablehq/notebook-kit";
import type { NotebookProblem } from "../notebook/validate.ts";
import { conflictBanner, failureBanner, noticeBanner, warningsBanner, type BannerArea } from "./banners.ts";
import { clearDraft } from "./drafts.ts";
import { notebookHref } from "./links.ts";
import { newNotebookPath } from "./new-notebook.ts";
import { Saver, type SaveState } from "./saver.ts";
import { trust } from "./trust.ts";

export interface SavingOptions {
  path: string;
  /** this page load's id: its draft of unsaved edits is its own (drafts.ts) */
  load: string;
  /** the notebook as loaded, and its file's version */
  notebook: Notebook;
  version: string;
  serialize: (notebook: Notebook) => string;
  banners: BannerArea;
  /** what saving the file as loaded would change beyond the person's edits (see validate.ts) */
  warnings?: NotebookProblem[];
  /** whether the notebook runs on this page: a save then trusts the bytes it wrote */
  trusted?: () => boolean;
  /** the key trust is kept under for a version of the file (with its local modules; trust-modules.ts) */
  trustKey?: (version: string) => string;
  onChange: (state: SaveState) => void;
}

export class NotebookSaving {
  readonly saver: Saver;
  private allowed: boolean;
  private leaving = false;
  private previous?: SaveState["kind"];

  constructor(private readonly options: SavingOptions) {
    const { banners, warnings = [] } = options;
    this.allowed = warnings.length === 0;
    // What a trusted page saves stays trusted, recorded on the server before the page reads as saved
    // (a reload right after runs it); saving does not trust a file nobody ran.
    const onWritten = async (path: string, version: string) => {
      if (options.trusted?.()) await trust(path, options.trustKey?.(version) ?? version).catch((error: Error) => options.banners.show("failed", failureBanner(error.message, () => options.banners.remove("failed"))));
    };
    this.saver = new Saver({ ...options, onWritten, onChange: (state) => this.changed(state) });
    if (warnings.length) banners.show("warnings", warningsBanner(warnings, () => this.accept()));
  }

  get state(): SaveState {
    return this.saver.state;
  }

  async save(): Promise<void> {
    const { banners } = this.options;
    if (!this.allowed) {
      return banners.show("notice", noticeBanner("Not saved yet: accept the changes listed above first (or copy what you need out of this file).", () => banners.remove("notice")));
    }
    banners.remove("notice");
    await this.saver.save();
  }

  /** Asks before the page closes with unsaved changes, and keeps the draft when it does. */
  guardUnload(window: Window = globalThis.window): void {
    window.addEventListener("beforeunload", (event) => {
      this.saver.writeDraft();
      if (!this.leaving && this.saver.isDirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    window.addEventListener("pagehide", () => this.saver.writeDraft());
  }

  private accept(): void {
    this.allowed = true;
    this.options.banners.remove("warnings");
    this.options.banners.remove("notice");
  }

  private changed(state: SaveState): void {
    const { banners } = this.options;
    const wrote = this.previous === "saving";
    this.previous = state.kind;
    if (state.kind === "conflict") {
      const overwrite = () => void this.saver.save(true);
      banners.show("conflict", conflictBanner({ reload: () => this.reload(), overwrite, saveAs: (name) => void this.saveAs(name) }, copyName(this.saver.path)));
    } else if (state.kind === "failed") banners.show("failed", failureBanner(state.message, () => banners.remove("failed")));
    else if (state.kind === "saved" && wrote) banners.remove("conflict");
    this.options.onChange(state);
  }

  private reload(): void {
    this.leaving = true;
    clearDraft(this.options.load);
    location.reload();
  }

  private async saveAs(name: string): Promise<void> {
    let target: string;
    try {
      target = newNotebookPath(name);
    } catch (error) {
      return this.options.banners.show("failed", failureBanner((error as Error).message, () => this.options.banners.remove("failed")));
    }
    const state = await this.saver.saveAs(target);
    if (state.kind === "saved") {
      this.leaving = true;
      location.href = notebookHref(target);
    }
  }
}

function copyName(path: string): string {
  return path.replace(/(\.html)?$/i, "-copy.html");
}
