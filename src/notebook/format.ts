// The notebook file format is Observable Notebook Kit's HTML: Kit's own `deserialize` and
// `serialize` read and write it, so a saved file is exactly what Kit writes. We add the checks
// Kit leaves out (see validate.ts) and a located error for a file that is not a notebook.
import { deserialize, serialize, type Notebook } from "@observablehq/notebook-kit";
import { lineColumnOf } from "./source-location.ts";
import { validateNotebookSource, type NotebookProblem, type ScannedScript } from "./validate.ts";
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
  const scripts: ScannedScript[] = [];
  const problems = validateNotebookSource(text, scripts);
  const error = problems.find((problem) => problem.severity === "error");
  if (error) throw new NotebookFileError(file, error.line, error.column, error.message);
  const notebook = deserialize(text, { parser: dom.parser });
  checkReadAsWritten(text, file, scripts, notebook);
  return { notebook, warnings: problems };
}

/**
 * The HTML around a notebook can change how the browser's parser reads its cells (inside <svg>
 * a cell's code is parsed as markup; inside <textarea> the cells vanish). Saving such a file would
 * write back what was misread, so refuse it unless Kit read every cell exactly as written.
 */
function checkReadAsWritten(text: string, file: string, scripts: ScannedScript[], notebook: Notebook): void {
  const at = lineColumnOf(text);
  const misread = scripts.findIndex((script, i) => notebook.cells[i]?.value !== kitCellSource(text.slice(script.contentStart, script.contentEnd)));
  if (misread < 0 && notebook.cells.length === scripts.length) return;
  const where = at(scripts[misread < 0 ? Math.min(notebook.cells.length, scripts.length - 1) : misread]?.start ?? 0);
  throw new NotebookFileError(file, where.line, where.column, "this cell is not read as written: markup around the notebook (e.g. <svg> or <textarea>) changes how the cells are parsed");
}

/** A notebook cell's source as Kit keeps it (cellTextOf in src/widgets is a table cell's text): `<\/script` unescaped, first and last blank lines and four-space indent removed. */
function kitCellSource(raw: string): string {
  const lines = raw.replace(/<\\(?=\\*\/script(\s|>))/gi, "<").split(/\r\n?|\n/);
  if (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  if (lines.length && !lines[0].trim()) lines.shift();
  return lines.map((line) => line.replace(/^ {4}/, "")).join("\n");
}

/** Writes a notebook as Kit does, so that a one-line edit is a one-line diff. */
export function serializeNotebook(notebook: Notebook, dom: DomEnvironment): string {
  return serialize(notebook, { document: dom.document });
}

/** Describes a warning as "file:line:column: message", the shape editors and terminals link. */
export function describeProblem(file: string, problem: NotebookProblem): string {
  return `${file}:${problem.line}:${problem.column}: ${problem.message}`;
}
