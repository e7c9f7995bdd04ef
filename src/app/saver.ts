// Saving a notebook: Kit's own serializer, written through the file API only over the version that
// was loaded. A file changed on disk meanwhile is a conflict the person resolves (reload, overwrite,
// save as a new file). Unsaved edits are kept as a draft in the browser while they are typed.
import type { Notebook } from "@observablehq/notebook-kit";
import { clearDraft, storeDraft } from "./drafts.ts";
import { writeFile } from "./file-api.ts";

export type SaveState =
  | { kind: "saved" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "conflict" }
  | { kind: "failed"; message: string };

export interface SaverOptions {
  path: string;
  /** this page load's id: its draft is its own (drafts.ts) */
  load: string;
  /** the notebook as loaded, and its file's version */
  notebook: Notebook;
  version: string;
  serialize: (notebook: Notebook) => string;
  onChange: (state: SaveState) => void;
  /** awaited after each write, before the page reads as saved (a trusted page's save stays trusted) */
  onWritten?: (path: string, version: string) => Promise<void>;
}

const DRAFT_DELAY_MS = 200;

export class Saver {
  path: string;
  /** the version of the file on disk these edits are based on (the file API's SHA-256) */
  version: string;
  private savedText: string;
  private latest?: Notebook;
  private latestText?: string;
  private draftTimer?: ReturnType<typeof setTimeout>;
  state: SaveState = { kind: "saved" };

  constructor(private readonly options: SaverOptions) {
    this.path = options.path;
    this.version = options.version;
    // Unsaved means "differs from what saving the file as loaded would write": a file Kit would
    // renumber (see validate.ts) is not dirty until the person edits it.
    this.savedText = options.serialize(options.notebook);
  }

  get isDirty(): boolean {
    return this.text() !== this.savedText;
  }

  /** Follows the notebook as it is edited: dirty or not, and the draft written shortly after. */
  track(notebook: Notebook): void {
    if (notebook === this.latest) return;
    const first = !this.latest;
    this.latest = notebook;
    this.latestText = undefined;
    const dirty = this.isDirty;
    if (this.state.kind === "saved" || this.state.kind === "dirty") this.set({ kind: dirty ? "dirty" : "saved" });
    clearTimeout(this.draftTimer);
    // Edits undone back to the file drop the draft; merely opening the file keeps an older one to offer.
    if (!dirty && !first) clearDraft(this.options.load);
    else if (dirty) this.draftTimer = setTimeout(() => this.writeDraft(), DRAFT_DELAY_MS);
  }

  /** Writes the draft now (the page is being hidden or closed). */
  writeDraft(): void {
    clearTimeout(this.draftTimer);
    if (this.latest && this.isDirty) storeDraft({ path: this.path, load: this.options.load, text: this.text(), base: this.version, at: Date.now() });
  }

  /** Saves over the loaded version; with `force`, over whatever is on disk (after a conflict). */
  async save(force = false): Promise<SaveState> {
    if (!this.latest || this.state.kind === "saving") return this.state;
    const text = this.text();
    this.set({ kind: "saving" });
    try {
      const result = await writeFile(this.path, text, force ? { force: true } : { base: this.version });
      if (!result.ok) return this.set({ kind: "conflict" });
      await this.options.onWritten?.(this.path, result.version);
      this.saved(text, result.version);
    } catch (error) {
      this.set({ kind: "failed", message: (error as Error).message });
    }
    return this.state;
  }

  /** Writes the notebook to a new file, which becomes the one this page edits. */
  async saveAs(path: string): Promise<SaveState> {
    const text = this.text();
    this.set({ kind: "saving" });
    try {
      const result = await writeFile(path, text, { create: true });
      if (!result.ok) return this.set({ kind: "failed", message: `${path} already exists: choose another name` });
      await this.options.onWritten?.(path, result.version);
      this.path = path;
      this.saved(text, result.version);
    } catch (error) {
      this.set({ kind: "failed", message: (error as Error).message });
    }
    return this.state;
  }

  private saved(text: string, version: string): void {
    this.savedText = text;
    this.version = version;
    clearTimeout(this.draftTimer);
    clearDraft(this.options.load);
    // Edits typed while the request was in flight keep the page dirty.
    this.set({ kind: this.isDirty ? "dirty" : "saved" });
    if (this.isDirty) this.writeDraft();
  }

  private text(): string {
    if (!this.latest) return this.savedText;
    return (this.latestText ??= this.options.serialize(this.latest));
  }

  private set(state: SaveState): SaveState {
    this.state = state;
    this.options.onChange(state);
    return state;
  }
}
