// The small tokenizer the notebook checks run on (validate.ts, markup-budget.ts): tags with their
// attributes and offsets, closing tags found once per name, the <notebook> tag outside comments.
// Plain text scanning, not a DOM parse, so it runs the same in Node and the page, in time linear
// in the file however broken its markup.

export interface Tag {
  name: string; // lower case
  closing: boolean;
  attributes: Map<string, { value: string; offset: number }>;
  /** attributes as written, repeated names included */
  attributeCount: number;
  start: number;
  end: number; // offset just past ">"
}

/** The first <notebook> tag that is not inside a comment. */
export function findNotebookTag(text: string): Tag | undefined {
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
export const MARKUP = /<[!/a-zA-Z]/g;

export function parseTag(text: string, start: number): Tag | undefined {
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
export function closingTags(text: string): (name: string, from: number, otherwise?: number) => number {
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

export function skipWhitespace(text: string, position: number): number {
  while (position < text.length && /\s/.test(text[position])) position++;
  return position;
}

export function snippet(text: string, offset: number): string {
  const line = text.slice(offset, offset + 41).split(/\r?\n/, 1)[0];
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
