// Where an example came from, so the page can show it as itself wherever it appears (a drawing as
// its strokes, a table's numbers under their column names, a link to its row) and not as the
// numbers the model takes. The origin rides on the example under a registered symbol: spread
// (`{...example, predicted}`), split and encode keep it; JSON, the training cache and the
// tensors never see it. Pure: no DOM.

export const ORIGIN = Symbol.for("exemplar.example-origin");

export interface ExampleOrigin {
  /** names of the input's numbers, in order: the table columns it was read from (teach.examplesFrom) */
  columns?: string[];
  /** the column(s) the output was read from */
  outputColumn?: string | string[];
  /** the row of the table it was read from (its position there; a DataFrame's index label when it is a number) */
  row?: number;
  /** the input as written, before a feature function turned it into numbers (teach.encode): a drawing's strokes, a string */
  input?: unknown;
  /** its position in the array that teach.encode was given */
  index?: number;
}

/** The example's origin, when it has one. */
export function originOf(example: unknown): ExampleOrigin | undefined {
  if (example === null || typeof example !== "object") return undefined;
  const origin = (example as { [ORIGIN]?: unknown })[ORIGIN];
  return origin !== null && typeof origin === "object" ? (origin as ExampleOrigin) : undefined;
}

/** The example with this origin attached (the object itself, changed). */
export function withOrigin<T extends object>(example: T, origin: ExampleOrigin | undefined): T {
  if (origin) (example as { [ORIGIN]?: ExampleOrigin })[ORIGIN] = origin;
  return example;
}

/**
 * The origin of an example made from `example` by a feature function: what it came from stays
 * the first input as written, so encoding twice still leads back to the drawing.
 */
export function encodedOrigin(example: { input: unknown }, index: number): ExampleOrigin {
  const before = originOf(example);
  return { ...before, input: before && "input" in before ? before.input : example.input, index: before?.index ?? index };
}
