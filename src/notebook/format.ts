// The notebook file format is Observable Notebook Kit's HTML: Kit's own `deserialize` and
// `serialize` read and write it, so a saved file is exactly what Kit writes. We add the checks
// Kit leaves out (see validate.ts) and a located error for a file that is not a notebook.
import { deserialize, serialize, type Notebook } from "@observablehq/notebook-kit";
import { validateNotebookSource, type NotebookProblem } from "./validate.ts";
import { NotebookFileError } from "./file-error.ts";

export { NotebookFileError };

/** What Kit needs to parse and print HTML: the page's own, or jsdom's in Node (see node-dom.ts). */
export interface DomEnvironment {
  parser: DOMParser;
  document: Document;
}

export interface ParsedNotebook {
  notebook: Notebook;
  /** Places where saving would change the file's content (Kit would renumber or drop them). */
  warnings: NotebookProblem[];
}

/** Reads a notebook file's text; throws NotebookFileError (with line:column) if it is not one. */
export function parseNotebook(text: string, file: string, dom: DomEnvironment): ParsedNotebook {
  const problems = validateNotebookSource(text);
  const error = problems.find((problem) => problem.severity === "error");
  if (error) throw new NotebookFileError(file, error.line, error.column, error.message);
  return { notebook: deserialize(text, { parser: dom.parser }), warnings: problems };
}

/** Writes a notebook as Kit does, so that a one-line edit is a one-line diff. */
export function serializeNotebook(notebook: Notebook, dom: DomEnvironment): string {
  return serialize(notebook, { document: dom.document });
}

/** Describes a warning as "file:line:column: message", the shape editors and terminals link. */
export function describeProblem(file: string, problem: NotebookProblem): string {
  return `${file}:${problem.line}:${problem.column}: ${problem.message}`;
}
