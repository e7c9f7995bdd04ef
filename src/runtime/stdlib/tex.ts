// tex`…` and tex.block`…` (TeX cells compile to the latter), rendered with KaTeX from the
// installed package, over a given document, as Kit's tex does.
import katex from "katex";

type TexTemplate = ((strings: TemplateStringsArray | string[], ...values: unknown[]) => Element) & {
  block: (strings: TemplateStringsArray | string[], ...values: unknown[]) => Element;
  options: (options: katex.KatexOptions) => TexTemplate;
};

export function createTex(document: Document, options: katex.KatexOptions = {}): TexTemplate {
  const render = (displayMode: boolean) => (strings: TemplateStringsArray | string[], ...values: unknown[]) => {
    // Raw, as Kit's tex reads it: TeX's backslashes (\frac, \sqrt) are not JavaScript escapes.
    const parts = "raw" in strings ? strings.raw : strings;
    let source = parts[0];
    values.forEach((value, i) => (source += String(value) + parts[i + 1]));
    const root = document.createElement(displayMode ? "div" : "span");
    root.innerHTML = katex.renderToString(source, { ...options, displayMode, throwOnError: false, output: "html" });
    return root;
  };
  return Object.assign(render(false), {
    block: render(true),
    options: (more: katex.KatexOptions) => createTex(document, { ...options, ...more })
  });
}
