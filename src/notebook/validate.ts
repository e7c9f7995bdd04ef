// Checks a notebook file's raw text before Kit's lenient `deserialize` sees it. Kit renumbers
// duplicate ids, turns unknown types into JavaScript and drops anything that is not a cell, so a
// file with such content would be silently changed by the next save. This is the policy — what a
// notebook may hold — over the tag scanner (tag-scanner.ts) and the markup budget
// (markup-budget.ts); it finds those places, with their line and column, so the app can warn (or
// refuse) instead of losing data.
import { firstOfTooMuchMarkup, MOST_FOREIGN_MARKUP } from "./markup-budget.ts";
import { lineColumnOf, type SourceLocation } from "./source-location.ts";
import { closingTags, findNotebookTag, MARKUP, parseTag, skipWhitespace, snippet, type Tag } from "./tag-scanner.ts";

export type ProblemSeverity = "error" | "warning";

export interface NotebookProblem extends SourceLocation {
  severity: ProblemSeverity;
  message: string;
}

/** The script types Kit's serializer knows; anything else would be rewritten as JavaScript. */
export const KNOWN_CELL_TYPES = new Set([
  "module",
  "text/x-typescript",
  "text/markdown",
  "text/html",
  "application/x-tex",
  "application/sql",
  "text/vnd.graphviz",
  "application/vnd.node.javascript",
  "text/x-python",
  "text/x-r",
  "application/vnd.observable.javascript"
]);

const CELL_ATTRIBUTES = new Set(["id", "type", "pinned", "hidden", "output", "database", "format"]);
const NOTEBOOK_ATTRIBUTES = new Set(["theme", "readonly"]);
const KNOWN_ATTRIBUTES = new Map([["notebook", NOTEBOOK_ATTRIBUTES], ["script", CELL_ATTRIBUTES]]);

/** Where a cell's `<script>` and its raw text stand in the file. */
export interface ScannedScript {
  start: number;
  contentStart: number;
  contentEnd: number;
}

/**
 * Returns every problem found in a notebook file's text; an empty list means it is safe to save.
 * Each cell's `<script>` found on the way is added to `scripts`, when given.
 */
export function validateNotebookSource(text: string, scripts?: ScannedScript[]): NotebookProblem[] {
  const problems: NotebookProblem[] = [];
  const at = lineColumnOf(text);
  const report = (severity: ProblemSeverity, offset: number, message: string) =>
    problems.push({ severity, message, ...at(offset) });

  const closeOf = closingTags(text);
  const open = findNotebookTag(text);
  if (!open) {
    report("error", 0, "not a notebook: the file has no <notebook> element");
    return problems;
  }
  const excess = firstOfTooMuchMarkup(text, closeOf, KNOWN_ATTRIBUTES);
  if (excess !== undefined) {
    report("error", excess, `not a notebook: more than ${MOST_FOREIGN_MARKUP} tags, attributes and comments that are not cells, from here on`);
    return problems;
  }
  checkOutside(text, 0, open.start, report);
  for (const [name, { offset }] of open.attributes) {
    if (!NOTEBOOK_ATTRIBUTES.has(name)) {
      report("warning", offset, `attribute "${name}" on <notebook> is not kept when saving`);
    }
  }

  const ids = new Map<number, number>(); // id -> offset of first use
  let titles = 0;
  let position = open.end;
  for (;;) {
    const next = skipWhitespace(text, position);
    if (next >= text.length) {
      report("warning", open.start, "<notebook> is never closed");
      return problems;
    }
    if (text.startsWith("<!--", next)) {
      const end = text.indexOf("-->", next + 4);
      report("warning", next, "comment inside <notebook> is not kept when saving");
      position = end < 0 ? text.length : end + 3;
      continue;
    }
    const tag = text[next] === "<" ? parseTag(text, next) : undefined;
    if (!tag) {
      // The text runs to the next thing that looks like markup; a "<" that starts no tag is text.
      MARKUP.lastIndex = next + 1;
      const end = MARKUP.exec(text)?.index ?? -1;
      report("warning", next, `text outside a cell is not kept when saving: ${JSON.stringify(snippet(text, next))}`);
      position = end < 0 ? text.length : end;
      continue;
    }
    if (tag.closing && tag.name === "notebook") {
      checkOutside(text, tag.end, text.length, report);
      return problems;
    }
    if (!tag.closing && tag.name === "title") {
      if (++titles > 1) report("warning", next, "second <title> is not kept when saving");
      position = closeOf("title", tag.end);
      continue;
    }
    if (!tag.closing && tag.name === "script") {
      checkCell(tag, ids, report);
      position = closeOf("script", tag.end);
      const contentEnd = position < text.length || /<\/script\s*>$/i.test(text) ? text.lastIndexOf("</", position) : text.length;
      scripts?.push({ start: next, contentStart: tag.end, contentEnd: Math.max(contentEnd, tag.end) });
      continue;
    }
    // An element Kit does not know is reported once, with its content.
    report("warning", next, `<${tag.closing ? "/" : ""}${tag.name}> inside <notebook> is not kept when saving`);
    position = tag.closing ? tag.end : closeOf(tag.name, tag.end, tag.end);
  }
}

function checkCell(
  tag: Tag,
  ids: Map<number, number>,
  report: (severity: ProblemSeverity, offset: number, message: string) => void
): void {
  const id = tag.attributes.get("id");
  if (!id) {
    report("warning", tag.start, "cell has no id: it will be given a new one when saving");
  } else if (!/^[1-9]\d*$/.test(id.value)) {
    report("warning", id.offset, `cell id "${id.value}" is not a positive integer: it will be renumbered when saving`);
  } else {
    const first = ids.get(Number(id.value));
    if (first !== undefined) {
      report("warning", id.offset, `duplicate cell id ${id.value}: it will be renumbered when saving`);
    } else {
      ids.set(Number(id.value), id.offset);
    }
  }
  const type = tag.attributes.get("type");
  if (type && !KNOWN_CELL_TYPES.has(type.value.trim().toLowerCase())) {
    report("warning", type.offset, `unknown cell type "${type.value}": it would be saved as JavaScript`);
  }
  for (const [name, { offset }] of tag.attributes) {
    if (!CELL_ATTRIBUTES.has(name)) report("warning", offset, `attribute "${name}" on a cell is not kept when saving`);
  }
}

/** Only a doctype, the html/head/body wrappers and white space may stand outside <notebook>. */
function checkOutside(
  text: string,
  from: number,
  to: number,
  report: (severity: ProblemSeverity, offset: number, message: string) => void
): void {
  const allowed = /\s+|<!doctype\s+html\s*>|<\/?(html|head|body)(\s[^>]*)?>/iy;
  let position = from;
  while (position < to) {
    allowed.lastIndex = position;
    const match = allowed.exec(text);
    if (match && position + match[0].length <= to) {
      position += match[0].length;
      continue;
    }
    report("warning", position, `content outside <notebook> is not kept when saving: ${JSON.stringify(snippet(text, position))}`);
    return;
  }
}
