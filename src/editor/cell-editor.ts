// One cell's CodeMirror editor, assembled from the small extensions beside this file. It has no
// undo history of its own: undo and redo belong to the notebook (see src/notebook/reducer.ts), so
// the page sets the editor's text back with setValue when the notebook's history moves.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { Annotation, Compartment, EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightSpecialChars, keymap, placeholder } from "@codemirror/view";
import type { CellMode } from "../notebook/reducer.ts";
import { notebookCompletion, type NotebookNames } from "./completion.ts";
import { errorMark, setErrorMark, type ErrorLocation } from "./error-mark.ts";
import { cellKeymap, type CellCommands } from "./keymap.ts";
import { languageFor } from "./language.ts";
import { placeholderFor } from "./modes.ts";
import { editorTheme } from "./theme.ts";

export interface CellEditorOptions {
  parent: Element;
  value: string;
  mode: CellMode;
  commands: CellCommands;
  names: NotebookNames;
  /** called with the new text after each change the person makes (not after setValue) */
  onChange: (value: string) => void;
  onFocus?: () => void;
}

/** Marks changes made by the page (undo, redo, restore) so they are not reported back as typing. */
const fromPage = Annotation.define<boolean>();

export class CellEditor {
  readonly view: EditorView;
  private readonly language = new Compartment();
  private errorKey: string | null = null;

  constructor({ parent, value, mode, commands, names, onChange, onFocus }: CellEditorOptions) {
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          cellKeymap(commands),
          this.language.of(languageFor(mode)),
          notebookCompletion(names),
          autocompletion(),
          closeBrackets(),
          bracketMatching(),
          indentOnInput(),
          drawSelection(),
          highlightSpecialChars(),
          errorMark(),
          editorTheme(),
          placeholder(placeholderFor(mode)),
          keymap.of([...closeBracketsKeymap, ...completionKeymap, indentWithTab, ...defaultKeymap]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((transaction) => transaction.annotation(fromPage))) {
              onChange(update.state.doc.toString());
            }
            if (update.focusChanged && update.view.hasFocus) onFocus?.();
          })
        ]
      })
    });
  }

  get value(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the text by its smallest differing span, so the cursor stays where it was around it. */
  setValue(value: string): void {
    const current = this.value;
    if (current === value) return;
    let start = 0;
    while (start < current.length && start < value.length && current[start] === value[start]) start++;
    let end = 0;
    while (end < current.length - start && end < value.length - start && current[current.length - 1 - end] === value[value.length - 1 - end]) end++;
    const insert = value.slice(start, value.length - end);
    this.view.dispatch({
      changes: { from: start, to: current.length - end, insert },
      selection: this.view.hasFocus ? { anchor: start + insert.length } : undefined,
      annotations: fromPage.of(true)
    });
  }

  setMode(mode: CellMode): void {
    this.view.dispatch({ effects: this.language.reconfigure(languageFor(mode)) });
  }

  /** Marks the error's line, or clears the mark; a transaction only when the mark changes (the page renders every cell often). */
  markError(location: ErrorLocation | null): void {
    const key = location && `${location.line}:${location.column} ${location.message}`;
    if (key === this.errorKey) return;
    this.errorKey = key;
    this.view.dispatch({ effects: setErrorMark.of(location) });
  }

  focus(at: "start" | "end" | "keep" = "keep"): void {
    if (at !== "keep") this.view.dispatch({ selection: { anchor: at === "start" ? 0 : this.view.state.doc.length } });
    this.view.focus();
  }

  destroy(): void {
    this.view.destroy();
  }
}
