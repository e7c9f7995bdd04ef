// Which widget shows a value: the first kind that recognises it, by the cell's source (an
// examples cell, a CSV file's rows) or by the value itself (a widget spec, a training's progress,
// an evaluation, a comparison, tfjs objects, rows and DataFrames). A value of the kind already
// shown updates that widget in place; anything else goes to the inspector. A kind that throws is
// switched off for that cell (failed-widget.ts): one widget never breaks the page, and a broken
// one is not rebuilt on every value a training yields.
import "./widgets.css";
import { chartKind } from "./chart.ts";
import { comparisonKind } from "./comparison.ts";
import { csvTableKind } from "./csv-table.ts";
import { padKind } from "./drawing-pad.ts";
import { evaluationKind } from "./evaluation.ts";
import { examplesTableKind } from "./examples-table.ts";
import { FailedWidget } from "./failed-widget.ts";
import { planeKind } from "./plane.ts";
import { progressKind } from "./progress.ts";
import { rowsTableKind } from "./rows-table.ts";
import { tfObjectKind } from "./tf-objects.ts";
import type { ShownWidget, SlotContext, ValueRenderer, Widget, WidgetHost, WidgetKind } from "./widget.ts";

export const WIDGET_KINDS: WidgetKind[] = [examplesTableKind, csvTableKind, planeKind, padKind, chartKind, progressKind, evaluationKind, comparisonKind, tfObjectKind, rowsTableKind];

/** What the page's output view calls for each value it shows (see src/app/output-view.ts). */
export function createValueRenderer(host: WidgetHost, kinds: WidgetKind[] = WIDGET_KINDS): ValueRenderer {
  /** "cell id kind": the kinds switched off for a cell */
  const off = new Set<string>();
  const key = (cellId: number, kind: WidgetKind) => `${cellId} ${kind.name}`;

  return (value, { cell, name }, shown) => {
    if (cell.mode !== "js" && cell.mode !== "ts") return release(shown);
    const context: SlotContext = { cellId: cell.id, source: cell.value, name, host };
    const fail = (kind: WidgetKind, error: unknown): FailedWidget => {
      off.add(key(cell.id, kind));
      console.error(`exemplar: the ${kind.name} widget failed in cell ${cell.id}; it is off for that cell:`, error);
      release(shown);
      return new FailedWidget(cell.id, kind.name, error, value, name);
    };
    for (const kind of kinds) {
      if (off.has(key(cell.id, kind))) continue;
      try {
        if (!kind.matches(value, context)) continue;
      } catch (error) {
        return fail(kind, error);
      }
      try {
        const previous = shown as Widget | undefined;
        if (previous?.kind === kind.name) {
          previous.update(value, context);
          return previous;
        }
        release(shown);
        return kind.create(value, context);
      } catch (error) {
        return fail(kind, error);
      }
    }
    // The cell's broken widget keeps its error in view while the values no other kind takes come.
    if (shown instanceof FailedWidget && shown.cellId === cell.id) {
      shown.show(value, name);
      return shown;
    }
    return release(shown);
  };
}

function release(shown: ShownWidget | undefined): undefined {
  try {
    shown?.dispose?.();
  } catch (error) {
    console.warn("exemplar: a widget failed to let go of its value:", error);
  }
  return undefined;
}
