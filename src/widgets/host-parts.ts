// What every widget host does the same way, in the page and in a read-only export: find the
// examples cells among the cells that ran (with the arrays they produced), keep the examples
// tables that other widgets (an evaluation, a comparison) show examples in, and turn a table edit
// into the cell's new source. Light on purpose: the page makes its host before any widget loads.
import type { Cell } from "@observablehq/notebook-kit";
import { applyExampleEdit, parseExamplesCell, type ExampleEdit, type ExamplesCellParse } from "../notebook/examples-source.ts";
import type { Example } from "../teach/examples.ts";
import type { ExamplesCellRef, ExamplesTableView, WidgetHost } from "./widget.ts";

const parses = new Map<string, ExamplesCellParse>();

/** parseExamplesCell, remembered for the last few sources (a cell's output is shown many times). */
export function examplesParse(source: string): ExamplesCellParse {
  let parse = parses.get(source);
  if (!parse) {
    parse = parseExamplesCell(source);
    if (parses.size > 32) parses.delete(parses.keys().next().value!);
    parses.set(source, parse);
  }
  return parse;
}

/**
 * The examples cell's new source after a table edit. `current` is its source now, `ranSource` the
 * one the table shows: editing a row is refused if that row changed since the cell ran.
 */
export function examplesEditSource(current: string, ranSource: string, edit: ExampleEdit): string {
  if (edit.kind !== "add" && current !== ranSource) {
    const [now, then] = [examplesParse(current), examplesParse(ranSource)];
    const same = now.ok && then.ok && JSON.stringify(now.table.rows[edit.row]) === JSON.stringify(then.table.rows[edit.row]);
    if (!same) throw new Error("the examples cell was edited since it ran: run it (Shift-Enter), then edit the table");
  }
  return applyExampleEdit(current, edit);
}

/** Every examples cell as it ran, with the array it produced (`ran` gives the source that ran, `value` the cell's value). */
export function* examplesCells(ids: Iterable<number>, ran: (id: number) => Cell | undefined, value: (id: number) => unknown): Generator<ExamplesCellRef> {
  for (const id of ids) {
    const cell = ran(id);
    if (!cell || (cell.mode !== "js" && cell.mode !== "ts")) continue;
    const parse = examplesParse(cell.value);
    if (!parse.ok) continue;
    const values = (value(id) as Record<string, unknown> | undefined)?.[parse.table.name];
    if (Array.isArray(values)) yield { cellId: id, source: cell.value, table: parse.table, values: values as Example[] };
  }
}

type Finders = Pick<WidgetHost, "examplesCellOf" | "findExamplesCell" | "registerTable" | "showExamples">;

/** The host's lookups over these examples cells, and its registry of examples tables. */
export function examplesFinders(cells: () => Iterable<ExamplesCellRef>): Finders {
  const tables = new Map<number, ExamplesTableView>();
  return {
    examplesCellOf(values) {
      for (const cell of cells()) if (cell.values === values) return cell;
      return undefined;
    },
    findExamplesCell(test) {
      for (const cell of cells()) if (test(cell.values)) return cell;
      return undefined;
    },
    registerTable(cellId, table) {
      tables.set(cellId, table);
      return () => {
        if (tables.get(cellId) === table) tables.delete(cellId);
      };
    },
    showExamples(cellId, indices, description) {
      const table = tables.get(cellId);
      if (!table?.element.isConnected) return false;
      table.select(indices, description);
      table.element.scrollIntoView({ block: "center", behavior: "smooth" });
      return true;
    }
  };
}
