// A notebook not trusted yet: every cell's code and a static rendering of its Markdown show, no
// cell runs (the run control refuses every run, Shift-Enter and Run all included, and points at
// the banner instead), and "Trust and run" records the file's version with the server (what the
// server runs for the notebook needs that record too) and runs the notebook.
import "./styles/trust.css";
import { h } from "./dom.ts";
import type { NotebookController } from "./notebook-controller.ts";
import { staticMarkdown } from "./trust-preview.ts";

export interface TrustGateOptions {
  /** records the trust of the file version on disk when the person decides */
  trust: () => Promise<void>;
  onTrusted: () => void;
}

export function holdUntilTrusted(controller: NotebookController, { trust, onTrusted }: TrustGateOptions): void {
  const page = controller.element;
  page.setAttribute("data-untrusted", "");
  for (const cell of controller.notebook.cells) {
    if (cell.mode !== "md") continue;
    controller.view(cell.id)?.element.querySelector("[data-cell-output]")?.replaceChildren(staticMarkdown(cell.value, document));
  }
  const failure = h("p", { class: "message error", role: "alert", hidden: true });
  const button = h("button", { type: "button", class: "primary", onclick: () => void release() }, "Trust and run");
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
      h("small", { class: "trust-note" }, "Exemplar remembers your choice for this exact file; if the file changes on disk, it asks again."),
      failure
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

  async function release(): Promise<void> {
    button.disabled = true;
    try {
      await trust();
    } catch (error) {
      // Not recorded: nothing runs, and the person sees why.
      failure.textContent = (error as Error).message;
      failure.hidden = false;
      button.disabled = false;
      return;
    }
    banner.remove();
    page.removeAttribute("data-untrusted");
    controller.run.release();
    onTrusted();
    controller.start();
  }
}
