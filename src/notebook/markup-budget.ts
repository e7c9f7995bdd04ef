// A budget on markup that is not a notebook. The HTML parser under Kit (the browser's, jsdom's)
// slows down with the square of the nesting depth (20,000 unclosed tags take minutes), so a file
// holding more markup than a notebook would is refused before it gets there.
import { closingTags, parseTag } from "./tag-scanner.ts";

export const MOST_FOREIGN_MARKUP = 500;
const NOTEBOOK_ELEMENTS = new Set(["html", "head", "body", "notebook", "title", "script"]);
const WRAPPER_ELEMENTS = new Set(["html", "head", "body", "notebook"]);
const RAW_TEXT_ELEMENTS = new Set(["script", "title", "style", "textarea", "xmp", "iframe", "noembed", "noframes"]);

/** Counts the tags, attributes and comments Kit would drop (`knownAttributes` per element are kept); where they begin, if too many. */
export function firstOfTooMuchMarkup(text: string, closeOf: ReturnType<typeof closingTags>, knownAttributes: Map<string, Set<string>>): number | undefined {
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
    const known = knownAttributes.get(tag.name);
    foreign(start, tag.attributeCount - [...tag.attributes.keys()].filter((name) => known?.has(name)).length);
    markup.lastIndex = !tag.closing && RAW_TEXT_ELEMENTS.has(tag.name) ? closeOf(tag.name, tag.end) : tag.end;
  }
  return count > MOST_FOREIGN_MARKUP ? first : undefined;
}

