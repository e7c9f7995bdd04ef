// Widgets load on demand: a notebook whose cells show only numbers, text and Markdown never
// downloads src/widgets, and one that needs them shows its first outputs without waiting for them.
// Until the widget code arrives, a value that could be a widget gets a placeholder, which fills
// itself in once it has (with the widget, or with the inspector if no widget takes the value).
import type { Cell } from "@observablehq/notebook-kit";
import { Inspector } from "@observablehq/inspector";
import { h } from "./dom.ts";
import type { ShownWidget, ValueRenderer } from "../widgets/widget.ts";

interface Placeholder extends ShownWidget {
  /** the latest value asked for, shown once the widgets arrive */
  value: unknown;
  where: { cell: Cell; name?: string };
  /** what it filled itself in with */
  inner?: ShownWidget;
  /** its slot went away before the widgets arrived */
  gone?: boolean;
}

export function lazyValueRenderer(load: () => Promise<ValueRenderer>): ValueRenderer {
  let renderer: ValueRenderer | undefined;
  let loading: Promise<ValueRenderer> | undefined;
  const placeholders = new WeakSet<ShownWidget>();
  const waiting: Placeholder[] = [];

  return (value, where, previous) => {
    const placeholder = previous && placeholders.has(previous) ? (previous as Placeholder) : undefined;
    if (renderer) return renderer(value, where, placeholder ? placeholder.inner : previous);
    if (!mayBeWidget(value, where.cell)) {
      placeholder?.dispose?.();
      return undefined;
    }
    if (placeholder) return Object.assign(placeholder, { value, where });
    const made: Placeholder = {
      element: h("div", { class: "widget-loading" }),
      value,
      where,
      dispose: () => {
        made.gone = true;
        made.inner?.dispose?.();
      }
    };
    placeholders.add(made);
    waiting.push(made);
    loading ??= load().then(
      (loaded) => {
        renderer = loaded;
        for (const waiter of waiting.splice(0)) if (!waiter.gone) fill(waiter, loaded);
        return loaded;
      },
      (error: unknown) => {
        // Without widgets every value still shows, in the inspector.
        console.warn("exemplar: the widgets failed to load; showing values in the inspector:", error);
        renderer = () => undefined;
        for (const waiter of waiting.splice(0)) if (!waiter.gone) inspect(waiter);
        return renderer;
      }
    );
    return made;
  };
}

/** Widgets show objects of code cells (arrays, specs, trainings, tensors, frames); never DOM nodes or primitives. */
function mayBeWidget(value: unknown, cell: Cell): boolean {
  return (cell.mode === "js" || cell.mode === "ts") && typeof value === "object" && value !== null && !(value instanceof Node);
}

function fill(placeholder: Placeholder, renderer: ValueRenderer): void {
  placeholder.inner = renderer(placeholder.value, placeholder.where, undefined);
  if (placeholder.inner) placeholder.element.replaceChildren(placeholder.inner.element);
  else inspect(placeholder);
}

function inspect(placeholder: Placeholder): void {
  placeholder.element.classList.add("observablehq");
  new Inspector(placeholder.element).fulfilled(placeholder.value, placeholder.where.name);
}
