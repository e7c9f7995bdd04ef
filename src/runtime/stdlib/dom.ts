// Observable's classic `DOM` helpers (deprecated, but Observable JavaScript cells from
// observablehq.com still call DOM.uid and DOM.context2d), as Notebook Kit defines them, over a
// given document. The page has them; headless, `DOM` needs a browser.

const NAMESPACES: Record<string, string> = {
  math: "http://www.w3.org/1998/Math/MathML",
  svg: "http://www.w3.org/2000/svg",
  xhtml: "http://www.w3.org/1999/xhtml",
  xlink: "http://www.w3.org/1999/xlink",
  xml: "http://www.w3.org/XML/1998/namespace",
  xmlns: "http://www.w3.org/2000/xmlns/"
};

let uids = 0;

/** An id for SVG references (`url(#…)`), unique in the page. */
class Id {
  constructor(
    readonly id: string,
    readonly href: string
  ) {}
  toString(): string {
    return `url(${this.href})`;
  }
}

export function createDom(document: Document) {
  const window = document.defaultView!;
  const canvas = (width: number, height: number) => Object.assign(document.createElement("canvas"), { width, height });
  return {
    canvas,
    context2d(width: number, height: number, dpi = window.devicePixelRatio) {
      const element = canvas(width * dpi, height * dpi);
      element.style.width = `${width}px`;
      const context = element.getContext("2d")!;
      context.scale(dpi, dpi);
      return context;
    },
    element(name: string, attributes?: Record<string, string>) {
      const [prefix, local] = splitName(name);
      const element = NAMESPACES[prefix] ? document.createElementNS(NAMESPACES[prefix], local) : document.createElement(name);
      for (const [key, value] of Object.entries(attributes ?? {})) {
        const [keyPrefix, keyLocal] = splitName(key);
        if (NAMESPACES[keyPrefix]) element.setAttributeNS(NAMESPACES[keyPrefix], keyLocal, value);
        else element.setAttribute(key, value);
      }
      return element;
    },
    input(type?: string) {
      const input = document.createElement("input");
      if (type != null) input.type = type;
      return input;
    },
    range(min?: number, max?: number, step?: number) {
      if (max === undefined) [min, max] = [undefined, min];
      const input = document.createElement("input");
      input.min = String(min == null ? 0 : +min);
      input.max = String(max == null ? 1 : +max);
      input.step = step == null ? "any" : String(+step);
      input.type = "range";
      return input;
    },
    select(values: Iterable<string>) {
      const select = document.createElement("select");
      for (const value of values) select.append(Object.assign(document.createElement("option"), { value, textContent: value }));
      return select;
    },
    svg(width: number, height: number) {
      const svg = document.createElementNS(NAMESPACES.svg, "svg");
      svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
      svg.setAttribute("width", `${width}`);
      svg.setAttribute("height", `${height}`);
      return svg;
    },
    text: (value: string) => document.createTextNode(value),
    uid(name?: string) {
      const id = `O-${name == null ? "" : `${name}-`}${++uids}`;
      return new Id(id, new URL(`#${id}`, window.location.href).href);
    }
  };
}

/** "xlink:href" → ["xlink", "href"]; a name without a known prefix stays whole. */
function splitName(name: string): [string, string] {
  const colon = name.indexOf(":");
  if (colon < 0) return ["", name];
  const prefix = name.slice(0, colon);
  return prefix === "xmlns" ? ["", name] : [prefix, name.slice(colon + 1)];
}
