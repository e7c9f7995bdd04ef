// The language of a cell's editor follows the cell's mode: JavaScript, TypeScript, Markdown, HTML.
import { html } from "@codemirror/lang-html";
import { javascript } from "@codemirror/lang-javascript";
import { markdown } from "@codemirror/lang-markdown";
import { EditorView } from "@codemirror/view";
import type { Extension } from "@codemirror/state";
import type { CellMode } from "../notebook/reducer.ts";

export function languageFor(mode: CellMode): Extension {
  switch (mode) {
    case "ts":
      return javascript({ typescript: true });
    case "md":
      return [markdown(), EditorView.lineWrapping];
    case "html":
      return html();
    case "js":
    case "ojs":
      return javascript();
    default:
      // Modes Exemplar does not run (SQL, Python, …) are still editable as plain text.
      return EditorView.lineWrapping;
  }
}
