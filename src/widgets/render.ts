// Which widget shows a value: the first kind that recognises it, by the cell's source (an
// examples cell, a CSV file's rows) or by the value itself (a widget spec, a training's progress,
// an evaluation, a comparison, tfjs objects, rows and DataFrames). A value of the kind already
// shown updates that widget in place; anything else goes to the inspector. A widget that throws
// is logged and the value falls back to the inspector: one widget never breaks the page.
import "./widgets.css";

import { chartKind } from "./chart.ts";
import { comparisonKind } from "./comparison.ts";
import { csvTableKind } from "./csv-table.ts";
import { padKind } from "./drawing-pad.ts";
import { evaluationKind } from "./evaluation.ts";
import { examplesTableKind } from "./examples-table.ts";
import { planeKind } from "./plane.ts";
import { progressKind } from "./progress.ts";
import { rowsTableKind } from "./rows-table.ts";
import { tfObjectKind } from "./tf-objects.ts";
import type { SlotContext, ValueRenderer, Widget, WidgetHost, WidgetKind } from "./widget.ts";

const KINDS: WidgetKind[] = [examplesTableKind, csvTableKind, planeKind, padKind, chartKind, progressKind, evaluationKind, comparisonKind, tfObjectKind, rowsTableKind];

/** What the page's output view calls for each value it shows (see src/app/output-view.ts). */
export function createValueRenderer(host: WidgetHost): ValueRenderer {
  return (value, { cell, name }, shown) => {
    const previous = shown as Widget | undefined;
    if (cell.mode !== "js" && cell.mode !== "ts") return release(previous);
    const context: SlotContext = { cellId: cell.id, source: cell.value, name, host };
    try {
      const kind = KINDS.find((candidate) => candidate.matches(value, context));
      if (!kind) return release(previous);
      if (previous?.kind === kind.name) {
        previous.update(value, context);
        return previous;
      }
      release(previous);
      return kind.create(value, context);
    } catch (error) {
      console.warn("exemplar: a widget failed; showing the value in the inspector instead:", error);
      return release(previous);
    }
  };
}

function release(widget: Widget | undefined): undefined {
  widget?.dispose?.();
  return undefined;
}
