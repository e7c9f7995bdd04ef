// A notebook not trusted yet: every cell's code and a static rendering of its Markdown show, no
// cell runs (the run control refuses every run, Shift-Enter and Run all included, and points at
// the banner instead), and "Trust and run" remembers the file's version and runs the notebook.
import "./styles/trust.css";
import { h } from "./dom.ts";
import type { NotebookController } from "./notebook-controller.ts";
import { staticMarkdown } from "./trust-preview.ts";
import { trust } from "./trust.ts";

export interface TrustGateOptions {
  /** the file version to trust (the one on disk when the person decides) */
  version: () => string;
  onTrusted: () => void;
}

export function holdUntilTrusted(controller: NotebookController, { version, onTrusted }: TrustGateOptions): void {
  const page = controller.element;
  page.setAttribute("data-untrusted", "");
  for (const cell of controller.notebook.cells) {
    if (cell.mode !== "md") continue;
    controller.view(cell.id)?.element.querySelector("[data-cell-output]")?.replaceChildren(staticMarkdown(cell.value, document));
  }
  const button = h("button", { type: "button", class: "primary", onclick: () => release() }, "Trust and run");
  const banner = h(
    "div",
    { class: "banner banner-info", "data-banner": "trust", role: "status" },
    h(
      "div",
      { class: "banner-message" },
      h("strong", {}, "Nothing in this notebook has run. "),
      "A notebook is code: run it if you trust where this file came from. Its code and Markdown are shown below (",
      h("code", {}, "${…}"),
      " shows what would be computed).",
      h("small", { class: "trust-note" }, "This browser remembers your choice for this exact file; if the file changes on disk, it asks again.")
    ),
    h("div", { class: "banner-actions" }, button)
  );
  controller.run.hold(() => {
    banner.removeAttribute("data-attention");
    void banner.offsetWidth; // restarts the highlight
    banner.setAttribute("data-attention", "");
    banner.scrollIntoView({ block: "nearest" });
  });
  controller.banners.element.prepend(banner);

  function release(): void {
    trust(version());
    banner.remove();
    page.removeAttribute("data-untrusted");
    controller.run.release();
    onTrusted();
    controller.start();
  }
}
