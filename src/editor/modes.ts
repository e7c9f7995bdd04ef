// The modes a person can switch a cell to, with their labels (apart from language.ts, so the page
// can list them without loading CodeMirror).
import type { CellMode } from "../notebook/reducer.ts";

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
