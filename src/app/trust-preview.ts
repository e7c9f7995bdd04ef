// Markdown of a notebook not trusted yet, rendered without running anything: each `${…}` shows
// its source instead of its value, raw HTML shows as text (it could hold scripts or event
// handlers), and images show their description (loading one would tell its server the file was
// opened). The HTML is parsed in an inert <template>, so nothing in it runs or loads there.
import MarkdownIt from "markdown-it";

export type MarkdownPart = { text: string } | { interpolation: string };

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });
markdown.renderer.rules.image = (tokens, index) => `<span class="static-image">[image: ${markdown.utils.escapeHtml(tokens[index].content || "no description")}]</span>`;

// Private-use characters stand in for interpolations while markdown-it renders the rest.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const SLOT = new RegExp(`${OPEN}(\\d+)${CLOSE}`, "g");
const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, which jsdom does not make a global

/** A static rendering of a Markdown cell: an element marked data-static-preview. */
export function staticMarkdown(source: string, document: Document): HTMLElement {
  const parts = splitInterpolations(source);
  const interpolations = parts.flatMap((part) => ("interpolation" in part ? [part.interpolation] : []));
  let slot = 0;
  const text = parts.map((part) => ("text" in part ? part.text : `${OPEN}${slot++}${CLOSE}`)).join("");
  const template = document.createElement("template");
  template.innerHTML = markdown.render(text);
  const content = template.content;
  // A link whose address was an interpolation has no address yet (markdown-it percent-encodes it).
  for (const link of Array.from(content.querySelectorAll("a"))) if (/\uE000|%EE%80%80/i.test(link.getAttribute("href") ?? "")) link.removeAttribute("href");
  const walker = document.createTreeWalker(content, SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeValue?.includes(OPEN)) texts.push(node as Text);
  for (const node of texts) node.replaceWith(...withInterpolations(node, interpolations, document));
  const element = document.createElement("div");
  element.className = "cell-value static-preview";
  element.setAttribute("data-static-preview", "");
  element.append(document.importNode(content, true));
  return element;
}

/** Splits Markdown cell source into text and `${…}` interpolations (braces, strings and nested templates balanced). */
export function splitInterpolations(source: string): MarkdownPart[] {
  const parts: MarkdownPart[] = [];
  let start = 0;
  for (let at = source.indexOf("${"); at >= 0; at = source.indexOf("${", at + 2)) {
    if (source[at - 1] === "\\") continue;
    const end = closingBrace(source, at + 2);
    if (end < 0) break;
    if (at > start) parts.push({ text: source.slice(start, at) });
    parts.push({ interpolation: source.slice(at, end + 1) });
    start = end + 1;
    at = end - 1;
  }
  if (start < source.length) parts.push({ text: source.slice(start) });
  return parts;
}

function withInterpolations(node: Text, interpolations: string[], document: Document): Node[] {
  // Inside code the source is plain text; elsewhere it is marked as code.
  const inCode = !!node.parentElement?.closest("code, pre");
  const nodes: Node[] = [];
  let last = 0;
  const value = node.nodeValue!;
  for (const match of value.matchAll(SLOT)) {
    if (match.index > last) nodes.push(document.createTextNode(value.slice(last, match.index)));
    const source = interpolations[Number(match[1])] ?? "";
    if (inCode) nodes.push(document.createTextNode(source));
    else {
      const code = document.createElement("code");
      code.className = "interpolation";
      code.title = "computed when the notebook runs";
      code.textContent = source;
      nodes.push(code);
    }
    last = match.index + match[0].length;
  }
  if (last < value.length) nodes.push(document.createTextNode(value.slice(last)));
  return nodes;
}

/** The index of the `}` closing an interpolation whose body starts at `from`, or -1. */
function closingBrace(source: string, from: number): number {
  let depth = 0;
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (char === '"' || char === "'" || char === "`") {
      i = stringEnd(source, i);
      if (i < 0) return -1;
    } else if (char === "{") depth++;
    else if (char === "}" && depth-- === 0) return i;
  }
  return -1;
}

function stringEnd(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === quote) return i;
    else if (quote === "`" && source[i] === "$" && source[i + 1] === "{") {
      i = closingBrace(source, i + 2);
      if (i < 0) return -1;
    }
  }
  return -1;
}
