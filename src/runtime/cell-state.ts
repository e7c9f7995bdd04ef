// A cell's status is derived from its variables: the cell's own and one per declared name.
// `const training = train(…)` makes `training` a generator variable, so the cell is "running"
// while any of its variables is, and its value is the object of its names' latest values.
// A name another cell declares too is, as in Notebook Kit, an error only for the cells reading it:
// the declaring cells' bodies run, and their status follows their other variables.

export type PartStatus = "pending" | "running" | "fulfilled" | "rejected";

export interface PartState {
  status: PartStatus;
  value?: unknown;
  error?: unknown;
  /** the variable's value is a generator that has not finished */
  generating: boolean;
  /** another cell declares this name too: only its readers fail (see Kit's define) */
  duplicate?: boolean;
}

/** The cell's own variable is keyed by null; declared names by their name. */
export type Parts = Map<string | null, PartState>;

export interface CellSummary {
  status: PartStatus;
  value: unknown;
  /** the first error, the cell's own before its names' (theirs are usually copies of it) */
  error?: unknown;
}

export function summarizeParts(parts: Parts): CellSummary {
  const own = parts.get(null);
  const names = [...parts.keys()].filter((key): key is string => key !== null);
  const states = [...parts.values()].filter((part) => !part.duplicate);
  const failed = own?.status === "rejected" ? own : states.find((part) => part.status === "rejected");
  // A duplicated name shows what this cell computed for it, which no other cell can read.
  const valueOf = (name: string) => (parts.get(name)!.duplicate ? ownExports(own)?.[name] : parts.get(name)!.value);
  const value = names.length ? Object.fromEntries(names.map((name) => [name, valueOf(name)])) : own?.value;
  if (failed) return { status: "rejected", value: undefined, error: failed.error };
  if (states.some((part) => part.status === "pending")) return { status: "pending", value };
  if (states.some((part) => part.status === "running" || part.generating)) return { status: "running", value };
  return { status: "fulfilled", value };
}

/**
 * A cell's declared names take their values from the cell's own value one step later; plain values
 * are known now, so settle them at once (cells then settle in document order). Generators and
 * promises wait for their own variables.
 */
export function settleDeclaredNames(parts: Parts, exports: unknown): void {
  if (!exports || typeof exports !== "object") return;
  for (const [name, part] of parts) {
    if (name === null || part.status !== "pending") continue;
    const value = (exports as Record<string, unknown>)[name];
    if (isDeferred(value)) continue;
    parts.set(name, { ...part, status: "fulfilled", value });
  }
}

function ownExports(own: PartState | undefined): Record<string, unknown> | undefined {
  return own?.value && typeof own.value === "object" ? (own.value as Record<string, unknown>) : undefined;
}

function isDeferred(value: unknown): boolean {
  if (!value || (typeof value !== "object" && typeof value !== "function")) return false;
  const candidate = value as { then?: unknown; next?: unknown; return?: unknown };
  return typeof candidate.then === "function" || (typeof candidate.next === "function" && typeof candidate.return === "function");
}

/** Values are the same thing, or objects of the same declared names' same values. */
export function sameValue(a: unknown, b: unknown, names: string[]): boolean {
  if (a === b) return true;
  if (!names.length || !a || !b || typeof a !== "object" || typeof b !== "object") return false;
  return names.every((name) => (a as Record<string, unknown>)[name] === (b as Record<string, unknown>)[name]);
}

export function statusEvent(before: PartStatus, after: PartStatus): "pending" | "fulfilled" | "rejected" | "running" | "done" {
  if (after === "running") return "running";
  if (after === "fulfilled" && before === "running") return "done";
  return after;
}
