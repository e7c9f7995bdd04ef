// Rule vs model (what `teach.compare` returns): both scores side by side and the examples where
// they disagree, as a sortable table; clicking one shows it in its examples table when the notebook
// has one for the compared examples.
import type { Comparison, Disagreement } from "../teach/compare.ts";
import type { Example } from "../teach/examples.ts";
import { h } from "./dom.ts";
import { formatPercent } from "./format.ts";
import { frame } from "./frame.ts";
import { DataTable } from "./table.ts";
import { sameValue } from "./evaluation.ts";
import type { SlotContext, Widget, WidgetKind } from "./widget.ts";

export function isComparison(value: unknown): value is Comparison {
  const candidate = value as Partial<Comparison> | null;
  return !!candidate && typeof candidate === "object" && Array.isArray(candidate.disagreements) && typeof candidate.rule?.accuracy === "number" && typeof candidate.model?.accuracy === "number";
}

const mark = (correct: boolean, answer: unknown) => h("span", { class: correct ? "right" : "wrong" }, `${correct ? "✓" : "✗"} ${String(answer)}`);

class ComparisonWidget implements Widget {
  readonly kind = "comparison";
  readonly element: HTMLElement;
  private readonly scores = h("div", { class: "comparison-scores" });
  private readonly heading = h("p", { class: "comparison-heading" });
  private readonly table = new DataTable<Disagreement>({
    rows: [],
    columns: [
      { key: "input", label: "input", value: (row) => row.input },
      { key: "expected", label: "expected", value: (row) => row.expected },
      { key: "rule", label: "rule", value: (row) => String(row.rule), render: (row, _i, cell) => cell.append(mark(row.ruleCorrect, row.rule)) },
      { key: "model", label: "model", value: (row) => String(row.model), render: (row, _i, cell) => cell.append(mark(row.modelCorrect, row.model)) }
    ],
    onRowClick: (row) => this.show(row)
  });
  private comparison!: Comparison;
  private context: SlotContext;

  constructor(comparison: Comparison, context: SlotContext) {
    this.context = context;
    this.element = frame("comparison", context.name, [h("span", { class: "widget-caption" }, "rule vs model")], this.scores, this.heading, this.table.element);
    this.update(comparison, context);
  }

  update(value: unknown, context: SlotContext): void {
    const comparison = (this.comparison = value as Comparison);
    this.context = context;
    const score = (name: string, share: number) =>
      h("div", { class: "score" }, h("span", { class: "score-name" }, name), h("span", { class: "bar" }, h("span", { class: "bar-fill", style: `width: ${share * 100}%` })), h("span", { class: "score-value" }, formatPercent(share, 0)));
    this.scores.replaceChildren(score("rule", comparison.rule.accuracy), score("model", comparison.model.accuracy));
    this.heading.textContent = `They agree on ${formatPercent(comparison.agreement, 0)} of ${comparison.examples} examples; they disagree on ${comparison.disagreements.length}:`;
    this.table.setRows(comparison.disagreements);
  }

  private show(row: Disagreement): void {
    const matches = (values: Example[]) => values.length === this.comparison.examples && this.comparison.disagreements.every((d) => sameValue(values[d.index]?.input, d.input) && sameValue(values[d.index]?.output, d.expected));
    const source = this.context.host.findExamplesCell(matches);
    if (source) this.context.host.showExamples(source.cellId, [row.index], `example ${row.index + 1}: the rule says ${String(row.rule)}, the model ${String(row.model)}`);
  }
}

export const comparisonKind: WidgetKind = {
  name: "comparison",
  matches: isComparison,
  create: (value, context) => new ComparisonWidget(value as Comparison, context)
};
