// How a cell editor looks: the notebook's monospace font, no chrome of its own, an error line in red.
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import type { Extension } from "@codemirror/state";

// Made once: each EditorView.theme call is a new style module, and mounting one per editor costs
// time in proportion to the modules already mounted (a 1000-cell notebook took seconds).
const theme: Extension = [
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  EditorView.theme({
    "&": { fontSize: "14px", backgroundColor: "var(--editor-background, #f7f7f8)", borderRadius: "6px" },
    "&.cm-focused": { outline: "2px solid var(--editor-focus, #3b5fc0)", outlineOffset: "0" },
    ".cm-scroller": { fontFamily: "var(--monospace, monospace)", lineHeight: "1.5" },
    ".cm-content": { padding: "8px 0" },
    ".cm-line": { padding: "0 12px" },
    ".cm-error-line": { backgroundColor: "rgba(231, 4, 15, 0.08)" },
    ".cm-error-mark": { textDecoration: "underline wavy #e7040f", textUnderlineOffset: "3px" },
    ".cm-tooltip-autocomplete": { fontFamily: "var(--monospace, monospace)", fontSize: "13px" }
  })
];

export function editorTheme(): Extension {
  return theme;
}
