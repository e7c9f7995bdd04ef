// From tables to examples: rows (from a CSV, or a danfojs DataFrame) picked into {input, output},
// and a seeded train/test split.
import { preview, type Example } from "./examples.ts";
import { mapInSlices } from "./slices.ts";
import { seededRandom, shuffledIndices } from "./random.ts";

export interface ColumnsOptions {
  /** the columns whose numbers form the input, in order */
  input: string[];
  /** the column to predict (a label or a number), or several numbers */
  output: string | string[];
}

type Table = Record<string, unknown>[] | { columns: string[]; values: unknown[][] };

/**
 * Examples from table rows; rows with a missing or non-numeric input (or a missing output) are
 * left out — `skipped` on the result says how many.
 */
export function examplesFrom(table: Table, { input, output }: ColumnsOptions): Example[] & { skipped: number } {
  const rows = Array.isArray(table) ? table : table.values.map((values) => Object.fromEntries(table.columns.map((column, k) => [column, values[k]])));
  if (rows.length && typeof rows[0] === "object") {
    for (const column of [...input, ...[output].flat()]) {
      if (!(column in rows[0])) throw new TypeError(`there is no column "${column}" (the columns are ${Object.keys(rows[0]).join(", ")})`);
    }
  }
  const examples = [] as unknown as Example[] & { skipped: number };
  let skipped = 0;
  for (const row of rows) {
    const x = input.map((column) => toNumber(row[column]));
    const y = Array.isArray(output) ? output.map((column) => toNumber(row[column])) : row[output];
    const missing = x.some((value) => value === undefined) || (Array.isArray(y) ? y.some((value) => value === undefined) : y === null || y === undefined || y === "" || (typeof y === "number" && Number.isNaN(y)));
    if (missing) skipped++;
    else examples.push({ input: x as number[], output: y });
  }
  examples.skipped = skipped;
  return examples;
}

function toNumber(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** A seeded split into train and test examples (`test` is the share held out; default 0.2). */
export function split<T>(examples: T[], { test = 0.2, seed = 1 }: { test?: number; seed?: number } = {}): { train: T[]; test: T[] } {
  if (!(test > 0 && test < 1)) throw new RangeError(`split: test must be a share between 0 and 1, got ${test}`);
  const order = shuffledIndices(examples.length, seededRandom(seed));
  const held = Math.round(examples.length * test);
  return { train: Array.from(order.slice(held), (i) => examples[i]), test: Array.from(order.slice(0, held), (i) => examples[i]) };
}

/**
 * The examples with each input turned into numbers by `features` (outputs and order kept), a slice
 * at a time with turns for the page between: `await teach.encode(drawings, teach.rasterize)`.
 */
export async function encode<I, O>(examples: Example<I, O>[], features: (input: I) => number[] | number): Promise<Example<number[] | number, O>[]> {
  if (!Array.isArray(examples)) throw new TypeError(`encode: examples must be an array of {input, output}, got ${preview(examples)}`);
  if (typeof features !== "function") throw new TypeError(`encode: features must be a function of an input, e.g. teach.rasterize, got ${preview(features)}`);
  return mapInSlices(examples, (example) => ({ input: features(example.input), output: example.output }));
}
