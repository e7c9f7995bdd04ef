// @vitest-environment jsdom
// Property: whatever edits a person makes in an examples table (relabel, retype an input, delete,
// add), each changes only the edited row's line of the cell, and the table then shows exactly the
// examples the edited source declares. The host here applies each edit to the source and shows
// the table the source's examples, as the page does after the cell runs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyExampleEdit, parseExamplesCell } from "../../src/notebook/examples-source.ts";
import { examplesTableKind } from "../../src/widgets/examples-table.ts";
import { formatValue } from "../../src/widgets/format.ts";
import type { SlotContext, Widget, WidgetHost } from "../../src/widgets/widget.ts";

type Action =
  | { kind: "relabel"; row: number; label: string }
  | { kind: "retype"; row: number; input: [number, number] }
  | { kind: "delete"; row: number }
  | { kind: "add"; input: [number, number]; label: string };

const label = fc.constantFrom("a", "b", "c");
const point = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }));
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("relabel" as const), row: fc.nat(), label }),
  fc.record({ kind: fc.constant("retype" as const), row: fc.nat(), input: point }),
  fc.record({ kind: fc.constant("delete" as const), row: fc.nat() }),
  fc.record({ kind: fc.constant("add" as const), input: point, label })
);
const row = fc.record({ input: point, output: label, comment: fc.boolean() });
const cellOf = (rows: { input: [number, number]; output: string; comment: boolean }[]) =>
  ["// examples", "const examples = [", ...rows.map((r, i) => `  {input: [${r.input.join(", ")}], output: "${r.output}"},${r.comment ? ` // note ${i}` : ""}`), "];"].join("\n");

const valuesOf = (source: string) => {
  const parse = parseExamplesCell(source);
  if (!parse.ok) throw new Error(parse.reason);
  return parse.table.rows.map((row) => (row.kind === "literal" ? { input: row.input, output: row.output } : undefined)!);
};

/** The examples' numbers (1-based) on the table's current page. */
const visible = (element: HTMLElement) => Array.from(element.querySelectorAll('tbody td[data-column="index"]'), (cell) => Number(cell.textContent));

function act(element: HTMLElement, step: Action): void {
  const field = (labelText: string, text: string) => {
    element.querySelector<HTMLButtonElement>(`button[aria-label="Edit ${labelText}"]`)!.click();
    const input = element.querySelector<HTMLInputElement>(`input[aria-label="${labelText}"]`)!;
    input.value = text;
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  };
  const shown = visible(element);
  const target = "row" in step ? shown[step.row % shown.length] : 0;
  if (step.kind === "relabel") field(`output of example ${target}`, step.label);
  else if (step.kind === "retype") field(`input of example ${target}`, `[${step.input.join(", ")}]`);
  else if (step.kind === "delete") element.querySelector<HTMLButtonElement>(`button[title^="Delete example ${target} "]`)!.click();
  else {
    const form = element.querySelector("form")!;
    form.querySelector<HTMLInputElement>("[name=input]")!.value = `[${step.input.join(", ")}]`;
    form.querySelector<HTMLInputElement>("[name=output]")!.value = step.label;
    form.dispatchEvent(new Event("submit", { cancelable: true }));
  }
}

describe("the examples table", () => {
  it("changes only the edited line per edit, and shows the examples the edited source declares", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.array(action, { maxLength: 6 }), (initial, actions) => {
        let source = cellOf(initial);
        const host = { notebookPath: "t.html", registerTable: () => () => undefined, editExamples: (_id: number, _ran: string, edit) => (source = applyExampleEdit(source, edit)) } as Partial<WidgetHost> as WidgetHost;
        const context = (): SlotContext => ({ cellId: 1, source, name: "examples", host });
        const widget: Widget = examplesTableKind.create(valuesOf(source), context());
        for (const step of actions) {
          const rows = valuesOf(source).length;
          if (step.kind !== "add" && rows === 0) continue;
          const before = source.split("\n");
          act(widget.element, step);
          const after = source.split("\n");
          const changed = after.filter((line) => !before.includes(line));
          if (step.kind === "delete") expect(after.length === before.length - 1 && after.every((line) => before.includes(line))).toBe(true);
          else if (step.kind === "add") expect(after.length).toBe(before.length + 1);
          else expect(after.length).toBe(before.length);
          expect(changed.length).toBeLessThanOrEqual(step.kind === "delete" ? 0 : 1);
          widget.update(valuesOf(source), context());
          const shown = (column: string) => Array.from(widget.element.querySelectorAll(`tbody td[data-column="${column}"]`), (cell) => cell.textContent);
          const numbers = visible(widget.element);
          expect(numbers.length).toBe(Math.min(10, valuesOf(source).length - ((numbers[0] ?? 1) - 1)));
          const expected = numbers.map((number) => valuesOf(source)[number - 1]);
          expect(shown("input")).toEqual(expected.map((example) => formatValue(example.input)));
          expect(shown("output")).toEqual(expected.map((example) => formatValue(example.output)));
        }
      }),
      { numRuns: 40 }
    );
  });
});
