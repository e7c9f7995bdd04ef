// A cell's status is derived from its variables: the cell's own and one per declared name.
// `const training = train(…)` makes `training` a generator variable, so the cell is "running"
// while any of its variables is, and its value is the object of its names' latest values.

export type PartStatus = "pending" | "running" | "fulfilled" | "rejected";

export interface PartState {
  status: PartStatus;
  value?: unknown;
  error?: unknown;
  /** the variable's value is a generator that has not finished */
  generating: boolean;
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
  const states = [...parts.values()];
  const failed = own?.status === "rejected" ? own : states.find((part) => part.status === "rejected");
  const value = names.length ? Object.fromEntries(names.map((name) => [name, parts.get(name)!.value])) : own?.value;
  if (failed) return { status: "rejected", value: undefined, error: failed.error };
  if (states.some((part) => part.status === "pending")) return { status: "pending", value };
  if (states.some((part) => part.status === "running" || part.generating)) return { status: "running", value };
  return { status: "fulfilled", value };
}
