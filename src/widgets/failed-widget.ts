// A widget that threw, as CodeMirror treats a plugin that throws: logged once, switched off for
// that cell (the page never builds that kind there again), and its error shown in the cell, above
// the value in the inspector, which later values of the cell update in place.
import { Inspector } from "@observablehq/inspector";
import { h } from "./dom.ts";
import type { ShownWidget } from "./widget.ts";

export class FailedWidget implements ShownWidget {
  readonly element: HTMLElement;
  private readonly inspector: Inspector;

  constructor(
    readonly cellId: number,
    kind: string,
    error: unknown,
    value: unknown,
    private name?: string
  ) {
    const message = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
    const shown = h("div", { class: "observablehq" });
    this.inspector = new Inspector(shown);
    this.element = h(
      "div",
      { class: "widget widget-failed", "data-widget": "failed", "data-failed-kind": kind },
      h("div", { class: "widget-message", "data-kind": "error", role: "alert" }, `The ${kind} view failed and is off for this cell (reload the page to try it again): ${message}`),
      shown
    );
    this.show(value, name);
  }

  /** shows the cell's latest value in the inspector */
  show(value: unknown, name = this.name): void {
    this.name = name;
    try {
      this.inspector.fulfilled(value, name);
    } catch (error) {
      this.inspector.rejected(error);
    }
  }
}
