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

/** The modes a person can switch a cell to, with their labels. */
export const EDITABLE_MODES: { mode: CellMode; label: string }[] = [
  { mode: "js", label: "JavaScript" },
  { mode: "ts", label: "TypeScript" },
  { mode: "md", label: "Markdown" },
  { mode: "html", label: "HTML" }
];

/** What an empty cell's editor says, by mode. */
export function placeholderFor(mode: CellMode): string {
  if (mode === "md") return "Markdown, with ${…} for values";
  if (mode === "html") return "HTML, with ${…} for values";
  return "JavaScript: const examples = […]";
}
