// The builtins only a page has, with Kit's names and meanings: `md` over the page's document,
// `html`/`svg`/`htl` from htl, `Inputs` (with its stylesheet), `tex` (KaTeX, with its stylesheet and
// fonts), `tfvis` drawing into the cell, `Plot` and `d3` — each loaded on first use through the
// library map — and `width`, the notebook column's width as it changes, and `dark`.
import { observe } from "../../src/runtime/stdlib/generators.ts";
import { createMarkdown } from "../../src/runtime/stdlib/markdown.ts";
import { loadLibrary } from "./library-map.ts";
import { loadTfvis } from "./tfvis.ts";

type Htl = typeof import("htl");

export function browserBuiltins(document: Document, column: () => Element): Record<string, () => unknown> {
  return {
    md: () => createMarkdown(document),
    htl: () => loadLibrary<Htl>("htl"),
    html: async () => (await loadLibrary<Htl>("htl")).html,
    svg: async () => (await loadLibrary<Htl>("htl")).svg,
    Inputs: () => loadLibrary("@observablehq/inputs"),
    tex: async () => {
      const [{ createTex }] = await Promise.all([import("../../src/runtime/stdlib/tex.ts"), loadLibrary("katex")]);
      return createTex(document);
    },
    tfvis: () => loadTfvis(),
    Plot: () => loadLibrary("@observablehq/plot"),
    d3: () => loadLibrary("d3"),
    _: async () => (await loadLibrary<{ default: unknown }>("lodash")).default,
    topojson: () => loadLibrary("topojson-client"),
    Arrow: () => loadLibrary("apache-arrow"),
    DOM: () => import("../../src/runtime/stdlib/dom.ts").then(({ createDom }) => createDom(document)),
    width: () => widthOf(column()),
    dark: () => prefersDark()
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

/** Whether the page is in dark mode, now and whenever that changes. */
function prefersDark() {
  return observe<boolean>((change) => {
    const query = matchMedia("(prefers-color-scheme: dark)");
    const update = () => change(query.matches);
    query.addEventListener("change", update);
    update();
    return () => query.removeEventListener("change", update);
  });
}
