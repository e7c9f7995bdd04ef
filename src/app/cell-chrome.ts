// What surrounds a cell's output and code: the gutter, the footer with its status line, the Stop
// button and the cell's tools. Built once as templates and cloned for each cell (a notebook of a
// thousand cells needs a thousand of them); the tools, which show on hover or selection only, are
// cloned in when the cell is first hovered, focused or selected. Each tool button says which
// action it is in data-tool, so a cell listens once for all of them.
import type { CellReport } from "../runtime/notebook-runtime.ts";
import { EDITABLE_MODES } from "../editor/modes.ts";
import type { ViewStatus } from "./cell-status.ts";
import { formatDuration, h } from "./dom.ts";
import { icon } from "./icons.ts";

export type Tool = "run" | "stop" | "pin" | "up" | "down" | "addAbove" | "addBelow" | "delete";

export interface CellChrome {
  element: HTMLElement;
  output: HTMLElement;
  editor: HTMLElement;
  status: HTMLElement;
  stop: HTMLButtonElement;
  /** empty until filled with cellTools() */
  tools: HTMLElement;
}

export interface CellTools {
  modeSelect: HTMLSelectElement;
  pin: HTMLButtonElement;
}

let cellTemplate: HTMLElement | undefined;
let toolsTemplate: HTMLElement | undefined;

export function cellChrome(id: number): CellChrome {
  cellTemplate ??= makeCellTemplate();
  const element = cellTemplate.cloneNode(true) as HTMLElement;
  const part = <T extends Element>(selector: string) => element.querySelector<T & Element>(selector)!;
  element.dataset.cellId = String(id);
  element.setAttribute("aria-label", `Cell ${id}`);
  const tools = part<HTMLElement>(".cell-tools");
  tools.setAttribute("aria-label", `Cell ${id} tools`);
  return { element, output: part(".cell-output"), editor: part(".cell-editor"), status: part(".cell-status-text"), stop: part(".tool-stop"), tools };
}

/** Fills a cell's (empty) tools element. */
export function cellTools(tools: HTMLElement): CellTools {
  toolsTemplate ??= makeToolsTemplate();
  tools.append(...Array.from(toolsTemplate.cloneNode(true).childNodes));
  return { modeSelect: tools.querySelector(".cell-mode")!, pin: tools.querySelector(".tool-pin")! };
}

function makeCellTemplate(): HTMLElement {
  const stop = button("stop", "Stop this cell", "Stop");
  stop.hidden = true;
  return h(
    "section",
    { class: "cell", tabindex: -1 },
    h("div", { class: "cell-gutter", "aria-hidden": "true" }),
    h(
      "div",
      { class: "cell-body" },
      h("div", { class: "cell-output", "data-cell-output": true, "aria-live": "polite" }),
      h("div", { class: "cell-editor" }),
      h("div", { class: "cell-footer" }, h("span", { class: "cell-status-text" }), h("span", { class: "cell-edited-note" }, "Edited · Shift-Enter runs it"), stop, h("div", { class: "cell-tools", role: "toolbar" }))
    )
  );
}

function makeToolsTemplate(): HTMLElement {
  return h(
    "div",
    {},
    button("run", "Run (Shift-Enter)", "Run"),
    h("select", { class: "cell-mode", "aria-label": "Cell mode" }, EDITABLE_MODES.map(({ mode, label }) => h("option", { value: mode }, label))),
    button("pin", "Keep the editor open (pinned)"),
    button("up", "Move up"),
    button("down", "Move down"),
    button("addAbove", "Add a cell above (A)"),
    button("addBelow", "Add a cell below (B)"),
    button("delete", "Delete this cell (Ctrl-Z brings it back)")
  );
}

function button(tool: Tool, title: string, label?: string): HTMLButtonElement {
  return h("button", { type: "button", class: `tool tool-${tool}`, "data-tool": tool, title, "aria-label": title }, icon(tool), label && h("span", {}, label));
}

/** What a cell's status line says. */
export function statusText(status: ViewStatus, paused: boolean, elapsedMs: number | undefined, report: CellReport | undefined, unrun: boolean, workPaused = false): string {
  switch (status) {
    case "running":
      if (workPaused) return elapsedMs !== undefined ? `Paused · ${formatDuration(elapsedMs)}` : "Paused";
      return elapsedMs !== undefined && elapsedMs >= 500 ? `Running · ${formatDuration(elapsedMs)}` : "Running";
    case "stale":
      return paused ? "Stale · auto-run is paused" : "Stale · cells above are recomputing";
    case "pending":
      return unrun ? "Not run yet · Shift-Enter runs it" : "Waiting for cells above";
    case "fulfilled":
      return report?.ms !== undefined && report.ms >= 100 ? formatDuration(report.ms) : "";
    case "rejected":
      return "";
  }
}
