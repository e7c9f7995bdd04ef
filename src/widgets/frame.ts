// The common outside of a widget: the declared name (as the inspector writes `name =`), a header
// line of captions and controls, then the body. data-widget names the kind for styles and tests.
import { h } from "./dom.ts";

export function frame(kind: string, name: string | undefined, header: (Node | string)[], ...body: Node[]): HTMLElement {
  return h(
    "div",
    { class: "widget", "data-widget": kind },
    h("div", { class: "widget-header" }, name ? h("span", { class: "widget-name" }, name) : null, ...header),
    ...body
  );
}

/** A short coloured tag: "cached", "warm start", "from code". */
export function badge(text: string, kind = "", title?: string): HTMLElement {
  return h("span", { class: `badge ${kind}`.trim(), title }, text);
}

/** A line that says what went wrong in a widget (an edit refused, a file that could not be saved). */
export function messageLine(): { element: HTMLElement; show(text: string, kind?: "error" | "info"): void; clear(): void } {
  const element = h("div", { class: "widget-message", role: "status", hidden: true });
  return {
    element,
    show(text, kind = "error") {
      element.textContent = text;
      element.dataset.kind = kind;
      element.hidden = false;
    },
    clear() {
      element.hidden = true;
      element.textContent = "";
    }
  };
}
