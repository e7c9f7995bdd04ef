// An evaluation (what `teach.evaluate` returns) as the teacher reads it: the headline number, a
// clickable confusion matrix and per-class accuracy for classifiers, the worst predictions for
// regressors. Clicking a confusion cell or a prediction finds the examples behind it: in the
// examples table they came from when the notebook has one (filtered and scrolled to), else here.
import type { Evaluation, ExampleSelection, Prediction } from "../teach/evaluate.ts";
import type { Example } from "../teach/examples.ts";
import { h } from "./dom.ts";
import { formatNumber, formatPercent, formatValue } from "./format.ts";
import { frame } from "./frame.ts";
import { DataTable } from "./table.ts";
import type { SlotContext, Widget, WidgetKind } from "./widget.ts";

export function isEvaluation(value: unknown): value is Evaluation {
  const candidate = value as Partial<Evaluation> | null;
  if (!candidate || typeof candidate !== "object" || !Array.isArray(candidate.predictions) || typeof candidate.examples !== "number") return false;
  return candidate.kind === "classify" ? Array.isArray((candidate as { confusion?: unknown }).confusion) : candidate.kind === "regress" && typeof (candidate as { mae?: unknown }).mae === "number";
}

/** Whether an examples array is the one evaluated: same length, same expected outputs in order. */
export function evaluatedFrom(evaluation: { examples: number; predictions: Pick<Prediction, "expected">[] }): (values: Example[]) => boolean {
  return (values) => values.length === evaluation.examples && evaluation.predictions.every((prediction, i) => sameValue(values[i]?.output, prediction.expected));
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b));
}

class EvaluationWidget implements Widget {
  readonly kind = "evaluation";
  readonly element: HTMLElement;
  private readonly headline = h("span", { class: "evaluation-headline" });
  private readonly body = h("div", { class: "evaluation-body" });
  private readonly selection = h("div", { class: "evaluation-selection" });
  private readonly list = new DataTable<Prediction>({ rows: [], columns: [], onRowClick: (prediction) => this.show([prediction.index], `example ${prediction.index + 1}`) });
  private evaluation!: Evaluation;
  private context: SlotContext;
  /** what the list below shows, kept up to date while the evaluation changes (a training runs) */
  private listed?: { selection: ExampleSelection; description: string };

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
    const wrongButton = h("button", { type: "button", class: "link", onclick: () => void this.select({ correct: false }, `the ${wrong} wrong predictions`) }, `${wrong} wrong`);
    if (evaluation.kind === "classify") {
      this.headline.replaceChildren(`Accuracy ${formatPercent(evaluation.accuracy)} on ${evaluation.examples} examples · `, wrongButton);
      this.body.replaceChildren(this.confusion(evaluation), this.perClass(evaluation));
    } else {
      this.headline.replaceChildren(`Mean absolute error ${formatNumber(evaluation.mae)} · mean squared error ${formatNumber(evaluation.mse)} on ${evaluation.examples} examples · `, wrongButton, " beyond the tolerance");
      this.body.replaceChildren();
    }
    const listed = this.listed;
    if (listed && this.list.rowCount && evaluation.predictions.length) void this.select(listed.selection, listed.description, false);
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
          cell.addEventListener("click", () => void this.select({ expected: evaluation.classes[e], predicted: evaluation.classes[p] }, description));
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

  /** Finds the examples behind a selection; `reveal` false only refreshes a list shown here. */
  private async select(selection: ExampleSelection, description: string, reveal = true): Promise<void> {
    const { selectExamples } = await import("../teach/evaluate.ts");
    const indices = selectExamples(this.evaluation, selection);
    this.listed = undefined;
    if (reveal && this.show(indices, description)) return;
    this.listed = { selection, description };
    this.renderList(indices, description);
  }

  /** Shows examples in the examples table they came from; false when there is none. */
  private show(indices: number[], description: string): boolean {
    const source = this.context.host.findExamplesCell(evaluatedFrom(this.evaluation));
    if (!source || !this.context.host.showExamples(source.cellId, indices, description)) return false;
    this.selection.hidden = false;
    this.selection.replaceChildren(h("p", { class: "muted" }, `${description}: shown in the examples table of ${source.table.name}.`));
    return true;
  }

  private renderList(indices: number[], description: string): void {
    const regress = this.evaluation.kind === "regress";
    const rows = indices.map((index) => this.evaluation.predictions[index]);
    if (regress) rows.sort((a, b) => Math.max(...b.residual!.map(Math.abs)) - Math.max(...a.residual!.map(Math.abs)));
    this.list.setRows(rows, [
      { key: "index", label: "#", value: (prediction) => prediction.index + 1, numeric: true },
      { key: "input", label: "input", value: (prediction) => prediction.input },
      { key: "expected", label: "expected", value: (prediction) => prediction.expected },
      { key: "predicted", label: "predicted", value: (prediction) => prediction.predicted },
      regress
        ? { key: "residual", label: "residual", value: (prediction) => prediction.residual![0], numeric: true }
        : { key: "confidence", label: "confidence", value: (prediction) => prediction.confidence, numeric: true }
    ]);
    this.selection.hidden = false;
    this.selection.replaceChildren(h("p", {}, `${description} (${formatValue(rows.length)}):`), this.list.element);
  }
}

export const evaluationKind: WidgetKind = {
  name: "evaluation",
  matches: isEvaluation,
  create: (value, context) => new EvaluationWidget(value as Evaluation, context)
};
