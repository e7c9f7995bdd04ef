// What a widget is to the page: an element that shows one output value of a cell and takes the
// next value of the same kind in place (no flicker while a training cell yields every epoch), and
// the host through which it changes the notebook — always as source edits of the page's notebook,
// or as file edits through the file API, never only in memory. The page implements the host
// (src/app/widget-host.ts; a static export has a read-only one): widgets know nothing of the app.
import type { NotebookFiles } from "../notebook/notebook-files.ts";
import type { Cell } from "@observablehq/notebook-kit";
import type { Example } from "../teach/examples.ts";
import type { ExampleEdit, ExamplesTable } from "../notebook/examples-source.ts";

/** Shows a value as a widget instead of the inspector, or returns undefined (the output view calls it for each value). */
export type ValueRenderer = (value: unknown, where: { cell: Cell; name?: string }, previous: ShownWidget | undefined) => ShownWidget | undefined;

/** What a ValueRenderer made for one output slot, kept while the values it takes come. */
export interface ShownWidget {
  readonly element: HTMLElement;
  dispose?(): void;
}

/** Where a value is shown: its cell (as it ran) and, for a cell of declarations, the name. */
export interface SlotContext {
  cellId: number;
  /** the source of the cell as it ran */
  source: string;
  name?: string;
  host: WidgetHost;
}

export interface Widget {
  /** which kind made it: a value of the same kind updates it in place */
  readonly kind: string;
  readonly element: HTMLElement;
  update(value: unknown, context: SlotContext): void;
  /** the value is no longer shown (the slot went away, the cell failed) */
  dispose?(): void;
}

export interface WidgetKind {
  name: string;
  matches(value: unknown, context: SlotContext): boolean;
  create(value: unknown, context: SlotContext): Widget;
}

/** An examples cell as it ran, with the array it produced. */
export interface ExamplesCellRef {
  cellId: number;
  source: string;
  table: ExamplesTable;
  values: Example[];
}

/** What an examples table offers to other widgets: show these examples (by index into its array). */
export interface ExamplesTableView {
  select(indices: number[], description: string): void;
  readonly element: HTMLElement;
}

export interface WidgetHost {
  /** the notebook's path under the root, e.g. "lessons/spiral.html" */
  readonly notebookPath: string;
  /**
   * Applies a table edit to the examples cell's source as one undoable edit; its run waits until
   * widget edits pause (a burst of clicks retrains once). `ranSource` is the source the table
   * shows: an edit of a row is refused if the cell was changed since it ran.
   */
  editExamples(cellId: number, ranSource: string, edit: ExampleEdit): void;
  /** the examples cell whose value is exactly this array */
  examplesCellOf(values: unknown): ExamplesCellRef | undefined;
  /** the first examples cell whose value passes `test` (an evaluation's examples, by outputs) */
  findExamplesCell(test: (values: Example[]) => boolean): ExamplesCellRef | undefined;
  /** examples tables register so other widgets can show examples in them */
  registerTable(cellId: number, table: ExamplesTableView): () => void;
  /** shows these examples of the cell's table (filtered, scrolled into view); false if it shows no table */
  showExamples(cellId: number, indices: number[], description: string): boolean;
  /** rewrites a file beside the notebook through the file API (over the version read), then re-runs the cell */
  editFile(path: string, change: (text: string) => string, cellId: number): Promise<void>;
  /** creates a file under the root, never over one: false when a file is there already */
  createFile(path: string, text: string): Promise<boolean>;
  /** adds a JavaScript cell with this source after the selected cell (else at the end), and runs it */
  addCell(source: string): void;
  /** every name a cell can use: the cells' declarations and the builtins */
  names(): string[];
  /** tells the person something (a banner they dismiss) */
  notice(message: string): void;
  /** a file beside the notebook, by a notebook-relative name */
  resolvePath(name: string): string;
  /** the files as the notebook names them (relative to its folder), for saving a model beside it */
  filesBesideNotebook(): NotebookFiles;
}
