// md`…` and html`…` for Markdown and HTML cells, over a given document (the page's, or jsdom's
// in Node), so both kernels render the same thing. Interpolated DOM nodes are kept as nodes.
import MarkdownIt from "markdown-it";

type Template = (strings: TemplateStringsArray | string[], ...values: unknown[]) => Element | DocumentFragment;

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true });

export function createMarkdown(document: Document): Template {
  return (strings, ...values) => render(document, strings, values, (source) => markdown.render(source));
}

export function createHtml(document: Document): Template {
  return (strings, ...values) => render(document, strings, values, (source) => source);
}

function render(document: Document, strings: ArrayLike<string>, values: unknown[], toHtml: (source: string) => string): Element | DocumentFragment {
  const nodes: Node[] = [];
  let source = strings[0];
  values.forEach((value, i) => {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isNode(item)) {
        source += `<span data-exemplar-slot="${nodes.length}"></span>`;
        nodes.push(item);
      } else if (item != null && item !== false) {
        source += String(item);
      }
    }
    source += strings[i + 1];
  });
  const template = document.createElement("template");
  template.innerHTML = toHtml(source).trim();
  const content = template.content;
  for (const slot of Array.from(content.querySelectorAll("[data-exemplar-slot]"))) {
    slot.replaceWith(nodes[Number(slot.getAttribute("data-exemplar-slot"))]);
  }
  for (const form of Array.from(content.querySelectorAll("form"))) nameFormControls(form);
  // One element is returned as itself (so it can be a view); anything else in a <div>, as Kit does.
  const children = Array.from(content.childNodes).filter((node) => node.nodeType !== 3 || node.textContent!.trim());
  if (children.length === 1 && children[0].nodeType === 1) return children[0] as Element;
  const wrapper = document.createElement("div");
  wrapper.append(...Array.from(content.childNodes));
  return wrapper;
}

/** `form.i` for the control named i, as browsers give it (jsdom does not, headless). */
function nameFormControls(form: HTMLFormElement): void {
  for (const control of Array.from(form.elements) as (Element & { name?: string })[]) {
    const name = control.name;
    if (!name || name in form) continue;
    Object.defineProperty(form, name, { get: () => form.elements.namedItem(name), configurable: true });
  }
}

function isNode(value: unknown): value is Node {
  return !!value && typeof value === "object" && typeof (value as Node).nodeType === "number" && typeof (value as Node).cloneNode === "function";
}
