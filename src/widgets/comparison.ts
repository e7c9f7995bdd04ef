// Rule vs model (what `teach.compare` returns): both scores side by side and, as a sortable table,
// the examples where they disagree, or those the model gets wrong, or those the rule gets wrong (a
// choice above the table, each with its count). Clicking one shows it in its examples table, with
// the model's answer, when the notebook has one for the compared examples; that selection follows
// the comparison as it is computed again.
import type { ComparedExample, Comparison } from "../teach/compare.ts";
import type { Example } from "../teach/examples.ts";
import { h } from "./dom.ts";
import { inputColumns, predictionView, sourceColumns } from "./example-parts.ts";
import { formatPercent, formatValue } from "./format.ts";
import { frame } from "./frame.ts";
import { sameValue } from "./same-value.ts";
import { DataTable, type Column } from "./table.ts";
import type { SlotContext, TableSelection, Widget, WidgetKind } from "./widget.ts";

export function isComparison(value: unknown): value is Comparison {
  const candidate = value as Partial<Comparison> | null;
  return !!candidate && typeof candidate === "object" && Array.isArray(candidate.disagreements) && typeof candidate.rule?.accuracy === "number" && typeof candidate.model?.accuracy === "number";
}

/** Which of the compared examples the table lists. */
export type ComparisonView = "disagree" | "model-wrong" | "rule-wrong";

const VIEWS: { view: ComparisonView; label: string }[] = [
  { view: "disagree", label: "they disagree" },
  { view: "model-wrong", label: "the model is wrong" },
  { view: "rule-wrong", label: "the rule is wrong" }
];

/** The compared examples a view lists (a comparison from before `mistakes` existed lists its disagreements). */
export function comparedExamples(comparison: Comparison, view: ComparisonView): ComparedExample[] {
  if (view === "disagree") return comparison.disagreements;
  const mistakes = comparison.mistakes ?? comparison.disagreements;
  return mistakes.filter((example) => (view === "model-wrong" ? !example.modelCorrect : !example.ruleCorrect));
}

const mark = (correct: boolean, answer: unknown) => h("span", { class: correct ? "right" : "wrong" }, `${correct ? "✓" : "✗"} ${formatValue(answer)}`);

class ComparisonWidget implements Widget {
  readonly kind = "comparison";
  readonly element: HTMLElement;
  private readonly scores = h("div", { class: "comparison-scores" });
  private readonly heading = h("p", { class: "comparison-heading" });
  private readonly views = h("div", { class: "comparison-views", role: "radiogroup", "aria-label": "Which examples to list" });
  private readonly table = new DataTable<ComparedExample>({ rows: [], columns: [], onRowClick: (row) => this.show(row, true) });
  private comparison!: Comparison;
  private context: SlotContext;
  private view: ComparisonView = "disagree";
  /** the example shown in its examples table, by index, followed as the comparison changes */
  private shown?: { index: number; cellId: number };

  constructor(comparison: Comparison, context: SlotContext) {
    this.context = context;
    this.element = frame("comparison", context.name, [h("span", { class: "widget-caption" }, "rule vs model")], this.scores, this.heading, this.views, this.table.element);
    this.update(comparison, context);
  }

  update(value: unknown, context: SlotContext): void {
    const comparison = (this.comparison = value as Comparison);
    this.context = context;
    const score = (name: string, share: number) =>
      h("div", { class: "score" }, h("span", { class: "score-name" }, name), h("span", { class: "bar" }, h("span", { class: "bar-fill", style: `width: ${share * 100}%` })), h("span", { class: "score-value" }, formatPercent(share, 0)));
    this.scores.replaceChildren(score("rule", comparison.rule.accuracy), score("model", comparison.model.accuracy));
    this.heading.textContent = `They agree on ${formatPercent(comparison.agreement, 0)} of ${comparison.examples} examples. The rule is wrong on ${comparison.rule.errors}, the model on ${comparison.model.errors}.`;
    this.render();
    if (this.shown) this.refreshShown();
  }

  private render(): void {
    this.views.replaceChildren(
      ...VIEWS.map(({ view, label }) => {
        const count = comparedExamples(this.comparison, view).length;
        const button = h("button", { type: "button", role: "radio", class: "class-choice", "data-view": view, "aria-checked": String(view === this.view) }, `${label} (${count})`);
        button.addEventListener("click", () => ((this.view = view), this.render()));
        return button;
      })
    );
    const rows = comparedExamples(this.comparison, this.view);
    const columns: Column<ComparedExample>[] = [
      { key: "index", label: "#", value: (row) => row.index + 1, numeric: true },
      ...inputColumns(rows, (row) => row),
      { key: "expected", label: "expected", value: (row) => row.expected },
      { key: "rule", label: "rule", value: (row) => String(row.rule), render: (row, _i, cell) => cell.append(mark(row.ruleCorrect, row.rule)) },
      {
        key: "model",
        label: "model",
        value: (row) => String(row.model),
        render: (row, _i, cell) => cell.append(predictionView({ predicted: row.model, correct: row.modelCorrect, confidence: row.modelConfidence }))
      }
    ];
    columns.push(...sourceColumns(this.context.host, rows, (row) => row, (row) => this.said(row)));
    this.table.setRows(rows, columns);
  }

  private said(row: ComparedExample): string {
    return `the rule says ${formatValue(row.rule)}, the model ${formatValue(row.model)}`;
  }

  /** The examples cell of the compared examples: the same inputs and expected outputs at every listed index. */
  private examplesCell() {
    const { comparison } = this;
    const listed = comparison.mistakes ?? comparison.disagreements;
    const matches = (values: Example[]) => values.length === comparison.examples && listed.every((d) => sameValue(values[d.index]?.input, d.input) && sameValue(values[d.index]?.output, d.expected));
    return this.context.host.findExamplesCell(matches);
  }

  private selection(row: ComparedExample): TableSelection {
    const prediction = { predicted: row.model, correct: row.modelCorrect, confidence: row.modelConfidence };
    return { indices: [row.index], description: `example ${row.index + 1}: ${this.said(row)}`, predictions: (index) => (index === row.index ? prediction : undefined), from: this };
  }

  private show(row: ComparedExample, reveal: boolean): boolean {
    const source = this.examplesCell();
    if (!source || !this.context.host.showExamples(source.cellId, this.selection(row), { refresh: !reveal })) return false;
    this.shown = { index: row.index, cellId: source.cellId };
    return true;
  }

  /** The shown example as the new comparison answers it; right for both now, it shows as such. */
  private refreshShown(): void {
    const { index } = this.shown!;
    const example = (this.comparison.mistakes ?? this.comparison.disagreements).find((row) => row.index === index);
    const source = this.examplesCell();
    const row: ComparedExample | undefined = example ?? (source ? rightForBoth(source.values[index], index) : undefined);
    if (!row || !this.show(row, false)) this.shown = undefined;
  }
}

/** An example neither gets wrong: both answered what was expected. */
function rightForBoth(example: Example | undefined, index: number): ComparedExample | undefined {
  if (!example) return undefined;
  return { index, input: example.input, expected: example.output, rule: example.output, model: example.output, ruleCorrect: true, modelCorrect: true };
}

export const comparisonKind: WidgetKind = {
  name: "comparison",
  matches: isComparison,
  create: (value, context) => new ComparisonWidget(value as Comparison, context)
};
