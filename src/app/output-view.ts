// A cell's output: the values it passed to display(), then its own value — an expression's value
// (Markdown and HTML cells render to elements) or, for a cell of declarations, each declared name's
// value, as Observable's classic notebooks show them (`hidden` suppresses both, as in Kit).
// DOM nodes are shown as themselves, anything else through @observablehq/inspector. An error shows
// its message and line:column. While stale, the earlier output stays (dimmed by the cell's style).
import type { Cell } from "@observablehq/notebook-kit";
import { Inspector } from "@observablehq/inspector";
import type { CellError } from "../runtime/errors.ts";
import type { CellOutline } from "../runtime/kernel.ts";
import type { CellReport } from "../runtime/notebook-runtime.ts";
import { showsEarlierOutput, type ViewStatus } from "./cell-status.ts";
import { h } from "./dom.ts";
import type { ShownWidget, ValueRenderer } from "../widgets/widget.ts";

interface Slot {
  key: string;
  value: unknown;
  name?: string;
}

interface ShownSlot {
  element: HTMLElement;
  inspector?: Inspector;
  /** what a ValueRenderer made for this slot (a table, a chart), kept while the values it takes come */
  widget?: ShownWidget;
  value: unknown;
}

export class OutputView {
  private readonly slots = new Map<string, ShownSlot>();
  private shownError?: string;

  constructor(
    readonly element: HTMLElement,
    private readonly renderValue?: ValueRenderer
  ) {}

  /** `outline` is the cell as the kernel compiled it (what its value shows as) */
  render(report: CellReport | undefined, cell: Cell | undefined, outline: CellOutline | undefined, status: ViewStatus): void {
    if (showsEarlierOutput(status) || !report || !cell) return;
    if (report.status === "rejected" && report.error) return this.renderError(report.error);
    // A run still computing has no value yet: show what it displayed so far, else keep the earlier output.
    if (report.status === "pending" && !report.displayed.length) return;
    this.shownError = undefined;
    this.renderSlots(slotsOf(report, cell, outline, report.status !== "pending"), cell);
  }

  clear(): void {
    for (const shown of this.slots.values()) shown.widget?.dispose?.();
    this.slots.clear();
    this.shownError = undefined;
    this.element.replaceChildren();
  }

  private renderError(error: CellError): void {
    const key = `${error.kind} ${error.message} ${error.line}:${error.column}`;
    if (key === this.shownError) return;
    this.clear();
    this.shownError = key;
    this.element.append(errorBox(error));
  }

  private renderSlots(slots: Slot[], cell: Cell): void {
    const keep = new Set(slots.map((slot) => slot.key));
    for (const [key, shown] of this.slots) {
      if (keep.has(key)) continue;
      shown.widget?.dispose?.();
      shown.element.remove();
      this.slots.delete(key);
    }
    for (const child of Array.from(this.element.children)) if (!child.hasAttribute("data-slot")) child.remove();
    let previous: Element | null = null;
    for (const slot of slots) {
      let shown = this.slots.get(slot.key);
      if (!shown) {
        shown = { element: h("div", { class: "cell-value", "data-slot": slot.key }), value: NOTHING };
        this.slots.set(slot.key, shown);
      }
      if (shown.value !== slot.value) {
        if (!this.showWidget(shown, slot, cell)) show(shown, slot);
        shown.value = slot.value;
      }
      // Keep slots in order without moving nodes that are already in place (moving resets inputs' focus).
      const expected: Element | null = previous ? previous.nextElementSibling : this.element.firstElementChild;
      if (expected !== shown.element) this.element.insertBefore(shown.element, expected);
      previous = shown.element;
    }
  }

  private showWidget(shown: ShownSlot, slot: Slot, cell: Cell): boolean {
    const widget = this.renderValue?.(slot.value, { cell, name: slot.name }, shown.widget);
    shown.widget = widget;
    if (!widget) return false;
    shown.inspector = undefined;
    shown.element.classList.remove("observablehq");
    if (shown.element.firstChild !== widget.element || shown.element.childNodes.length !== 1) shown.element.replaceChildren(widget.element);
    return true;
  }
}

const NOTHING = Symbol("nothing shown yet");

function slotsOf(report: CellReport, cell: Cell, outline: CellOutline | undefined, withValue: boolean): Slot[] {
  const slots: Slot[] = report.displayed.map((value, index) => ({ key: `displayed ${index}`, value }));
  if (!outline || !withValue) return slots;
  const { autodisplay, outputs, output, inputs } = outline;
  // A cell that displays what it wants (display, view) shows only that, as Kit's autodisplay does.
  const displays = inputs.includes("display") || inputs.includes("view");
  if (autodisplay) {
    if (report.value !== undefined || !slots.length) slots.push({ key: "value", value: report.value });
  } else if (!cell.hidden && !displays && output == null && outputs.length && report.value && typeof report.value === "object") {
    const values = report.value as Record<string, unknown>;
    for (const name of outputs) if (name in values) slots.push({ key: `name ${name}`, value: values[name], name });
  }
  return slots;
}

function show(shown: ShownSlot, { value, name }: Slot): void {
  if (isNode(value) && !name && (!value.isConnected || value.parentNode === shown.element)) {
    shown.inspector = undefined;
    shown.element.classList.remove("observablehq");
    if (shown.element.firstChild !== value || shown.element.childNodes.length !== 1) shown.element.replaceChildren(value);
    return;
  }
  shown.inspector ??= new Inspector(shown.element);
  try {
    shown.inspector.fulfilled(value, name);
  } catch (error) {
    // A value the inspector cannot walk (a hostile proxy, say) must not break the page.
    shown.element.replaceChildren(h("span", { class: "muted" }, `(cannot show this value: ${(error as Error).message})`));
  }
}

function isNode(value: unknown): value is Node {
  return value instanceof Node && (value instanceof Element || value instanceof Text || value instanceof DocumentFragment);
}

export function errorBox(error: CellError): HTMLElement {
  const cause = error.cause instanceof Error && error.cause.name !== "Error" ? `${error.cause.name}: ` : "";
  const where = error.line !== undefined ? `line ${error.line}:${error.column ?? 1}` : undefined;
  return h(
    "div",
    { class: "cell-error", role: "alert", "data-error-kind": error.kind },
    h("span", { class: "cell-error-message" }, `${cause}${error.message}`),
    where && h("span", { class: "cell-error-location" }, where)
  );
}
