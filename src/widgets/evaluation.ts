// An evaluation (what `teach.evaluate` returns) as the teacher reads it: the headline number, a
// clickable confusion matrix and per-class accuracy for classifiers, the worst predictions for
// regressors. Clicking a confusion cell or a prediction finds the examples behind it: in the
// examples table they came from when the notebook has one (filtered, scrolled to, with what the
// model predicted), else listed here as themselves (pictures, named columns, a link to their row).
// Either way the selection follows the evaluation: after a retrain its count and rows are the new
// evaluation's, never the one that was clicked.
import type { Evaluation, ExampleSelection, Prediction } from "../teach/evaluate.ts";
import type { Example } from "../teach/examples.ts";
import { h } from "./dom.ts";
import { inputColumns, predictionColumn, sourceColumns } from "./example-parts.ts";
import { formatNumber, formatPercent, formatValue } from "./format.ts";
import { frame } from "./frame.ts";
import { sameValue } from "./same-value.ts";
import { DataTable, type Column } from "./table.ts";
import type { ShownPrediction, SlotContext, TableSelection, Widget, WidgetKind } from "./widget.ts";

export function isEvaluation(value: unknown): value is Evaluation {
  const candidate = value as Partial<Evaluation> | null;
  if (!candidate || typeof candidate !== "object" || !Array.isArray(candidate.predictions) || typeof candidate.examples !== "number") return false;
  return candidate.kind === "classify" ? Array.isArray((candidate as { confusion?: unknown }).confusion) : candidate.kind === "regress" && typeof (candidate as { mae?: unknown }).mae === "number";
}

/**
 * Whether an examples array is the one evaluated: same length, same expected outputs in order, and
 * the same inputs as written where the predictions know them (teach.encode keeps a drawing's strokes).
 */
export function evaluatedFrom(evaluation: { examples: number; predictions: Pick<Prediction, "expected" | "origin">[] }): (values: Example[]) => boolean {
  return (values) =>
    values.length === evaluation.examples &&
    evaluation.predictions.every((prediction, i) => sameValue(values[i]?.output, prediction.expected) && (!prediction.origin || !("input" in prediction.origin) || sameValue(values[i]?.input, prediction.origin.input)));
}

/** What a selection is, counted on the evaluation it was made from: "3 wrong predictions". */
export function describeSelection(selection: ExampleSelection, count: number): string {
  const examples = `${count} example${count === 1 ? "" : "s"}`;
  if ("correct" in selection) return `${count} ${selection.correct ? "right" : "wrong"} prediction${count === 1 ? "" : "s"}`;
  if ("predicted" in selection) return `${examples} expected ${String(selection.expected)}, predicted ${String(selection.predicted)}`;
  return `${examples} of ${String(selection.expected)}`;
}

/** What the model answered for each evaluated example, as a table shows it next to the expected output. */
export function shownPrediction(prediction: Prediction | undefined): ShownPrediction | undefined {
  if (!prediction) return undefined;
  const predicted = Array.isArray(prediction.predicted) && prediction.predicted.length === 1 ? prediction.predicted[0] : prediction.predicted;
  return { predicted, correct: prediction.correct, confidence: prediction.confidence };
}

class EvaluationWidget implements Widget {
  readonly kind = "evaluation";
  readonly element: HTMLElement;
  private readonly headline = h("span", { class: "evaluation-headline" });
  private readonly body = h("div", { class: "evaluation-body" });
  private readonly selection = h("div", { class: "evaluation-selection" });
  private readonly list = new DataTable<Prediction>({ rows: [], columns: [] });
  private evaluation!: Evaluation;
  private context: SlotContext;
  /** what the list below, or the examples table, shows: kept up to date while the evaluation changes (a training runs) */
  private selected?: { selection: ExampleSelection; cellId?: number };

  constructor(evaluation: Evaluation, context: SlotContext) {
    this.context = context;
    this.selection.hidden = true;
    this.element = frame("evaluation", context.name, [this.headline], this.body, this.selection);
    this.update(evaluation, context);
  }

  update(value: unknown, context: SlotContext): void {
    this.evaluation = value as Evaluation;
    this.context = context;
    const evaluation = this.evaluation;
    const wrong = evaluation.predictions.filter((prediction) => !prediction.correct).length;
    const wrongButton = h("button", { type: "button", class: "link wrong-count", onclick: () => void this.select({ correct: false }) }, `${wrong} wrong`);
    if (evaluation.kind === "classify") {
      this.headline.replaceChildren(`Accuracy ${formatPercent(evaluation.accuracy)} on ${evaluation.examples} examples · `, wrongButton);
      this.body.replaceChildren(this.confusion(evaluation), this.perClass(evaluation));
    } else {
      this.headline.replaceChildren(`Mean absolute error ${formatNumber(evaluation.mae)} · mean squared error ${formatNumber(evaluation.mse)} on ${evaluation.examples} examples · `, wrongButton, " beyond the tolerance");
      this.body.replaceChildren();
    }
    const selected = this.selected;
    if (selected && evaluation.predictions.length) void this.select(selected.selection, false);
    else this.selection.hidden = true;
  }

  private confusion(evaluation: Extract<Evaluation, { kind: "classify" }>): HTMLElement {
    const labels = evaluation.classes.map(String);
    const header = h("tr", {}, h("th", { class: "corner", scope: "col" }, "expected ↓ predicted →"), labels.map((label) => h("th", { scope: "col" }, label)));
    const rows = evaluation.confusion.map((counts, e) => {
      const total = counts.reduce((sum, count) => sum + count, 0) || 1;
      return h(
        "tr",
        {},
        h("th", { scope: "row" }, labels[e]),
        counts.map((count, p) => {
          const share = count / total;
          const description = `${count} example${count === 1 ? "" : "s"} expected ${labels[e]}, predicted ${labels[p]}`;
          const cell = h("button", { type: "button", class: "confusion-cell", "data-expected": labels[e], "data-predicted": labels[p], title: `${description}: show them`, "aria-label": description, disabled: count === 0 }, String(count));
          cell.style.setProperty("--share", share.toFixed(3));
          cell.addEventListener("click", () => void this.select({ expected: evaluation.classes[e], predicted: evaluation.classes[p] }));
          return h("td", { class: e === p ? "diagonal" : "off-diagonal" }, cell);
        })
      );
    });
    return h("table", { class: "confusion-matrix", "aria-label": "Confusion matrix: rows are the expected class, columns the predicted one" }, h("thead", {}, header), h("tbody", {}, rows));
  }

  private perClass(evaluation: Extract<Evaluation, { kind: "classify" }>): HTMLElement {
    return h(
      "div",
      { class: "per-class" },
      evaluation.perClass.map((entry) =>
        h(
          "div",
          { class: "per-class-row" },
          h("span", { class: "per-class-label" }, String(entry.label)),
          h("span", { class: "bar" }, h("span", { class: "bar-fill", style: `width: ${Number.isNaN(entry.accuracy) ? 0 : entry.accuracy * 100}%` })),
          h("span", { class: "per-class-value" }, `${formatPercent(entry.accuracy, 0)} of ${entry.examples}`)
        )
      )
    );
  }

  /**
   * Finds the examples behind a selection, in their examples table or listed here. `reveal` false
   * is the evaluation changing under a selection: it is counted again where it is shown, in place.
   */
  private async select(selection: ExampleSelection, reveal = true): Promise<void> {
    const { selectExamples } = await import("../teach/evaluate.ts");
    const indices = selectExamples(this.evaluation, selection);
    const description = describeSelection(selection, indices.length);
    const previous = this.selected;
    this.selected = { selection };
    if (reveal || previous?.cellId !== undefined) {
      const cellId = this.showInTable(indices, description, reveal);
      if (cellId !== undefined) return void (this.selected = { selection, cellId });
      if (!reveal) return void ((this.selected = undefined), (this.selection.hidden = true));
    }
    this.renderList(indices, description);
  }

  /** Shows examples in the examples table they came from, with the model's answers; the table's cell, or undefined when there is none. */
  private showInTable(indices: number[], description: string, reveal: boolean): number | undefined {
    const source = this.context.host.findExamplesCell(evaluatedFrom(this.evaluation));
    if (!source) return undefined;
    const predictions = this.evaluation.predictions;
    const selection: TableSelection = { indices, description, predictions: (index) => shownPrediction(predictions[index]), from: this };
    if (!this.context.host.showExamples(source.cellId, selection, { refresh: !reveal })) return undefined;
    this.selection.hidden = false;
    this.selection.replaceChildren(h("p", { class: "muted" }, `${description}: shown in the examples table of ${source.table.name}.`));
    return source.cellId;
  }

  private renderList(indices: number[], description: string): void {
    const regress = this.evaluation.kind === "regress";
    const rows = indices.map((index) => this.evaluation.predictions[index]);
    if (regress) rows.sort((a, b) => Math.max(...b.residual!.map(Math.abs)) - Math.max(...a.residual!.map(Math.abs)));
    const host = this.context.host;
    const columns: Column<Prediction>[] = [
      { key: "index", label: "#", value: (prediction) => prediction.index + 1, numeric: true },
      ...inputColumns(rows, (prediction) => prediction),
      { key: "expected", label: "expected", value: (prediction) => prediction.expected },
      predictionColumn((prediction) => shownPrediction(prediction))
    ];
    if (regress) columns.push({ key: "residual", label: "residual", value: (prediction) => prediction.residual![0], numeric: true });
    const said = (prediction: Prediction) => `expected ${formatValue(prediction.expected)}, the model says ${formatValue(shownPrediction(prediction)!.predicted)}`;
    columns.push(...sourceColumns(host, rows, (prediction) => prediction, said));
    this.list.setRows(rows, columns);
    this.selection.hidden = false;
    this.selection.replaceChildren(h("p", {}, `${description}:`), this.list.element);
  }
}

export const evaluationKind: WidgetKind = {
  name: "evaluation",
  matches: isEvaluation,
  create: (value, context) => new EvaluationWidget(value as Evaluation, context)
};
