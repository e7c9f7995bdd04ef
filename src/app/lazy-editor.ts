// A cell's editor that arrives after the notebook's first outputs: CodeMirror and its languages
// are most of the page's JavaScript, and showing outputs needs none of it. Until it has loaded the
// code shows as plain text where the editor will be; a click on it, or any call that focuses the
// editor, loads it at once. Every editor of the page upgrades together when the module arrives,
// keeping the text, mode, error mark and focus it was given meanwhile.
import type { CellEditor, CellEditorOptions } from "../editor/cell-editor.ts";
import type { ErrorLocation } from "../editor/error-mark.ts";
import type { CellMode } from "../notebook/reducer.ts";
import { h } from "./dom.ts";

type EditorModule = typeof import("../editor/cell-editor.ts");

let loaded: EditorModule | undefined;
let loading: Promise<EditorModule> | undefined;
const waiting = new Set<LazyCellEditor>();

/** Loads the editors (once the first outputs show, or when someone wants to edit); later calls share it. */
export function loadEditors(): Promise<EditorModule> {
  loading ??= import("../editor/cell-editor.ts").then((module) => {
    loaded = module;
    for (const editor of waiting) editor.upgrade(module);
    waiting.clear();
    return module;
  });
  return loading;
}

export class LazyCellEditor {
  private editor?: CellEditor;
  private standIn?: HTMLElement;
  private text: string;
  private mode: CellMode;
  private error: ErrorLocation | null = null;
  private focusWanted?: "start" | "end" | "keep";

  constructor(private readonly options: CellEditorOptions) {
    this.text = options.value;
    this.mode = options.mode;
    if (loaded) {
      this.editor = new loaded.CellEditor(options);
      return;
    }
    this.standIn = h("pre", { class: "cell-code-static", "data-placeholder": options.value ? undefined : "…" }, options.value);
    this.standIn.addEventListener("mousedown", () => this.focus("end"));
    options.parent.append(this.standIn);
    waiting.add(this);
  }

  get value(): string {
    return this.editor?.value ?? this.text;
  }

  get hasFocus(): boolean {
    return this.editor?.view.hasFocus ?? false;
  }

  setValue(value: string): void {
    if (this.editor) return this.editor.setValue(value);
    this.text = value;
    this.standIn!.textContent = value;
  }

  setMode(mode: CellMode): void {
    if (this.editor) return this.editor.setMode(mode);
    this.mode = mode;
  }

  markError(location: ErrorLocation | null): void {
    if (this.editor) return this.editor.markError(location);
    this.error = location;
  }

  focus(at: "start" | "end" | "keep" = "keep"): void {
    if (this.editor) return this.editor.focus(at);
    this.focusWanted = at;
    void loadEditors();
  }

  destroy(): void {
    waiting.delete(this);
    this.editor?.destroy();
    this.standIn?.remove();
  }

  /** The real editor, in the stand-in's place, with everything it was told meanwhile. */
  upgrade(module: EditorModule): void {
    this.standIn?.remove();
    this.standIn = undefined;
    this.editor = new module.CellEditor({ ...this.options, value: this.text, mode: this.mode });
    if (this.error) this.editor.markError(this.error);
    if (this.focusWanted) this.editor.focus(this.focusWanted);
  }
}
