// The builtins only a page has: Markdown and HTML over the page's document, Inputs, tfjs-vis,
// Plot, d3 and htl (each loaded on first use), and `width`, the notebook column's width as it changes.
import { observe } from "../../src/runtime/stdlib/generators.ts";
import { createHtml, createMarkdown } from "../../src/runtime/stdlib/markdown.ts";
import { loadTfvis } from "./tfvis.ts";

export function browserBuiltins(document: Document, column: () => Element): Record<string, () => unknown> {
  return {
    md: () => createMarkdown(document),
    html: () => createHtml(document),
    Inputs: () => import("@observablehq/inputs"),
    tfvis: () => loadTfvis(),
    Plot: () => import("@observablehq/plot"),
    d3: () => import("d3"),
    htl: () => import("htl"),
    svg: async () => (await import("htl")).svg,
    width: () => widthOf(column())
  };
}

/** The element's content width now and whenever it changes. */
function widthOf(element: Element) {
  return observe<number>((change) => {
    let last = -1;
    const measure = () => {
      const width = element.clientWidth;
      if (width !== last) change((last = width));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  });
}
