// A new notebook: its file name checked and completed, and its first content (a title, one cell).
import { toNotebook, type Notebook } from "@observablehq/notebook-kit";

/** "my lesson" → "my lesson.html"; refuses names that leave the notebook folder. */
export function newNotebookPath(name: string): string {
  const trimmed = name.trim().replace(/\\/g, "/");
  if (!trimmed) throw new Error("give the notebook a file name, e.g. lesson.html");
  if (trimmed.startsWith("/") || trimmed.split("/").some((part) => part === ".." || part === "." || part === "")) {
    throw new Error(`"${name}" is not a file name inside the notebook folder`);
  }
  return /\.html$/i.test(trimmed) ? trimmed : `${trimmed}.html`;
}

export function newNotebook(path: string): Notebook {
  const title = titleOf(path);
  return toNotebook({
    title,
    cells: [
      { id: 1, mode: "md", value: `# ${title}\n\nWrite what this notebook teaches here.` },
      { id: 2, mode: "js", value: "" }
    ]
  });
}

/** "lessons/two-spirals.html" → "Two spirals" */
export function titleOf(path: string): string {
  const base = path.split("/").pop()!.replace(/\.html$/i, "").replace(/[-_]+/g, " ").trim();
  return base ? base[0].toUpperCase() + base.slice(1) : "Untitled";
}
