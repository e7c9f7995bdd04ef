// Page-level keys. In a cell's editor, its own keymap acts (src/editor/keymap.ts); outside one,
// a selected cell takes Jupyter-like command keys (↑/↓ or K/J move, Enter edits, A/B add a cell
// above/below, Delete removes it), and Ctrl/Cmd-S, -Z, -Shift-Z work anywhere.

export type PageCommand = "save" | "undo" | "redo" | "previous" | "next" | "edit" | "add-above" | "add-below" | "delete" | "run" | "run-and-stay";

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** Where the key was pressed: on a selected cell (command mode), or in some other field of the page. */
export type KeyTarget = "cell" | "field" | "page";

export function commandFor(press: KeyPress, target: KeyTarget, mac = false): PageCommand | undefined {
  const mod = mac ? press.metaKey : press.ctrlKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (mod && !press.altKey) {
    if (key === "s") return "save";
    if (target === "field") return undefined; // a text field keeps its own undo
    if (key === "z") return press.shiftKey ? "redo" : "undo";
    if (key === "y") return "redo";
    if (key === "Enter" && target === "cell") return "run-and-stay";
    return undefined;
  }
  if (target !== "cell" || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (key === "Enter") return press.shiftKey ? "run" : "edit";
  if (press.shiftKey) return undefined;
  switch (key) {
    case "ArrowUp":
    case "k":
      return "previous";
    case "ArrowDown":
    case "j":
      return "next";
    case "a":
      return "add-above";
    case "b":
      return "add-below";
    case "Delete":
    case "Backspace":
      return "delete";
  }
  return undefined;
}

export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}
