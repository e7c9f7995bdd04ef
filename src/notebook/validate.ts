// Checks a notebook file's raw text before Kit's lenient `deserialize` sees it. Kit renumbers
// duplicate ids, turns unknown types into JavaScript and drops anything that is not a cell, so a
// file with such content would be silently changed by the next save. This scanner finds those
// places, with their line and column, so the app can warn (or refuse) instead of losing data.
// It is a small tokenizer over the text, not a DOM parse, so it runs the same in Node and the page.

export type ProblemSeverity = "error" | "warning";

export interface NotebookProblem {
  severity: ProblemSeverity;
  message: string;
  line: number; // 1-based
  column: number; // 1-based
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

interface Tag {
  name: string; // lower case
  closing: boolean;
  attributes: Map<string, { value: string; offset: number }>;
  /** attributes as written, repeated names included */
  attributeCount: number;
  start: number;
  end: number; // offset just past ">"
}

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
  const excess = firstOfTooMuchMarkup(text, closeOf);
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

// The HTML parser slows down with the square of the nesting depth (20,000 unclosed tags take
// minutes), so a file holding more markup than a notebook would is refused before it gets there.
const MOST_FOREIGN_MARKUP = 500;
const NOTEBOOK_ELEMENTS = new Set(["html", "head", "body", "notebook", "title", "script"]);
const WRAPPER_ELEMENTS = new Set(["html", "head", "body", "notebook"]);
const KNOWN_ATTRIBUTES = new Map([["notebook", NOTEBOOK_ATTRIBUTES], ["script", CELL_ATTRIBUTES]]);
const RAW_TEXT_ELEMENTS = new Set(["script", "title", "style", "textarea", "xmp", "iframe", "noembed", "noframes"]);

/** Counts the tags, attributes and comments Kit would drop; where they begin, if too many. */
function firstOfTooMuchMarkup(text: string, closeOf: ReturnType<typeof closingTags>): number | undefined {
  let first = -1;
  let count = 0;
  const wrappers = new Set<string>(); // they nest too: only the first of each is the notebook's
  const foreign = (offset: number, pieces = 1) => {
    if (pieces > 0 && first < 0) first = offset;
    count += pieces;
  };
  const markup = /<[!/?a-zA-Z]/g;
  for (let match; count <= MOST_FOREIGN_MARKUP && (match = markup.exec(text)); ) {
    const start = match.index;
    if (text[start + 1] === "!" || text[start + 1] === "?") {
      const comment = text.startsWith("<!--", start);
      const end = comment ? text.indexOf("-->", start + 4) : text.indexOf(">", start);
      if (!/^<!doctype\s/i.test(text.slice(start, start + 10))) foreign(start);
      if (end < 0) break;
      markup.lastIndex = end + (comment ? 3 : 1);
      continue;
    }
    const tag = parseTag(text, start);
    if (!tag) {
      foreign(start);
      continue;
    }
    const wrapper = !tag.closing && WRAPPER_ELEMENTS.has(tag.name);
    if (!NOTEBOOK_ELEMENTS.has(tag.name) || (wrapper && wrappers.has(tag.name))) foreign(start);
    if (wrapper) wrappers.add(tag.name);
    const known = KNOWN_ATTRIBUTES.get(tag.name);
    foreign(start, tag.attributeCount - [...tag.attributes.keys()].filter((name) => known?.has(name)).length);
    markup.lastIndex = !tag.closing && RAW_TEXT_ELEMENTS.has(tag.name) ? closeOf(tag.name, tag.end) : tag.end;
  }
  return count > MOST_FOREIGN_MARKUP ? first : undefined;
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

/** The first <notebook> tag that is not inside a comment. */
function findNotebookTag(text: string): Tag | undefined {
  const pattern = /<!--|<notebook(?=[\s>/])/gi;
  for (let match; (match = pattern.exec(text)); ) {
    if (match[0] !== "<!--") return parseTag(text, match.index);
    const end = text.indexOf("-->", match.index + 4);
    if (end < 0) return undefined;
    pattern.lastIndex = end + 3;
  }
  return undefined;
}

// Sticky patterns, matched in place: a tag costs the length of the tag, however long the file.
const TAG = /<(\/?)([a-zA-Z][\w-]*)/y;
const TAG_END = /\s*\/?>/y;
// A "<" ends an attribute name, so a run of broken tags is scanned once, not once per "<".
const ATTRIBUTE = /\s*([^\s"'>/=<]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
const MARKUP = /<[!/a-zA-Z]/g;

function parseTag(text: string, start: number): Tag | undefined {
  TAG.lastIndex = start;
  const head = TAG.exec(text);
  if (!head) return undefined;
  const attributes = new Map<string, { value: string; offset: number }>();
  let attributeCount = 0;
  let position = start + head[0].length;
  for (;;) {
    TAG_END.lastIndex = position;
    const close = TAG_END.exec(text);
    if (close) {
      return { name: head[2].toLowerCase(), closing: head[1] === "/", attributes, attributeCount, start, end: position + close[0].length };
    }
    ATTRIBUTE.lastIndex = position;
    const attribute = ATTRIBUTE.exec(text);
    if (!attribute) return undefined;
    const offset = position + attribute[0].search(/\S/);
    const name = attribute[1].toLowerCase();
    if (!attributes.has(name)) attributes.set(name, { value: attribute[2] ?? attribute[3] ?? attribute[4] ?? "", offset });
    attributeCount++;
    position += attribute[0].length;
  }
}

/**
 * Finds the offset just past `</name>` (raw text elements end at the first such tag). Searches
 * are remembered per name, so many unclosed elements cost one scan of the file, not one each.
 */
function closingTags(text: string): (name: string, from: number, otherwise?: number) => number {
  const found = new Map<string, { from: number; index: number; end: number }>();
  return (name, from, otherwise = text.length) => {
    let last = found.get(name);
    if (!last || from < last.from || (last.index >= 0 && last.index < from)) {
      const pattern = new RegExp(`</${name}\\s*>`, "gi");
      pattern.lastIndex = from;
      const match = pattern.exec(text);
      last = { from, index: match ? match.index : -1, end: match ? match.index + match[0].length : -1 };
      found.set(name, last);
    }
    return last.index >= 0 ? last.end : otherwise;
  };
}

function skipWhitespace(text: string, position: number): number {
  while (position < text.length && /\s/.test(text[position])) position++;
  return position;
}

function snippet(text: string, offset: number): string {
  const line = text.slice(offset, offset + 41).split(/\r?\n/, 1)[0];
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** Maps an offset to its 1-based line and column. */
export function lineColumnOf(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}
