// A cell whose inputs fail shows the error of its first failing input, in the order the cell names
// them. The runtime passes on whichever input failed first in time, and that depends on the
// history of edits: without this, the same notebook could show a different error after a
// different sequence of edits than after a fresh load.

import { RuntimeError } from "@observablehq/runtime";
import type { Parts } from "./cell-state.ts";
import { taggedKindOf } from "./errors.ts";

/** What is known of one input: failing (with the error to pass on), fine, or not settled yet. */
export type InputState = { failing: true; error: unknown } | { failing: false } | undefined;

/** A cell that defines an input: its variables' states and the error it shows. */
export interface Definer {
  parts: Parts;
  report: { error?: { cause?: unknown } };
}

/** The builtins, and what each that failed threw (the runtime hands its readers only a copy of the message). */
export interface BuiltinStates {
  library: object;
  failures: Map<string, unknown>;
}

/** The builtins, each remembering what it threw, so a reader's error keeps its kind (a NeedsBrowserError). */
export function recordingFailures(library: Record<string, () => unknown>): BuiltinStates & { library: Record<string, () => unknown> } {
  const failures = new Map<string, unknown>();
  const fail = (name: string, error: unknown) => {
    failures.set(name, error);
    throw error;
  };
  const recording = Object.fromEntries(
    Object.entries(library).map(([name, make]) => [
      name,
      () => {
        try {
          const value = make();
          return value instanceof Promise ? value.catch((error: unknown) => fail(name, error)) : value;
        } catch (error) {
          return fail(name, error);
        }
      }
    ])
  );
  return { library: recording, failures };
}

/** Names every cell can use without a cell or builtin defining them (the runtime's and define.ts's). */
const IMPLICIT_NAMES = new Set(["invalidation", "visibility", "@variable", "display", "view"]);

/**
 * What a cell would receive for the input `name`, as far as is known now, from the cells that
 * define it, else the builtins, else the runtime's global lookup (which throws for unknown names).
 */
export function stateOfInput(name: string, definers: Definer[], builtins: BuiltinStates, global?: (name: string) => unknown): InputState {
  if (definers.length > 1) return { failing: true, error: new RuntimeError(`${name} is defined more than once`, name) };
  if (definers.length === 1) {
    // A name is computed from its cell's own variable: when that fails, the name fails with the
    // error its cell shows (itself chosen this way when it came from an input).
    const [definer] = definers;
    const own = definer.parts.get(null);
    if (own?.status === "rejected") return { failing: true, error: definer.report.error?.cause ?? own.error };
    const part = definer.parts.get(name) ?? own;
    if (!part || part.status === "pending") return undefined;
    return part.status === "rejected" ? { failing: true, error: part.error } : { failing: false };
  }
  if (name in builtins.library) return builtins.failures.has(name) ? { failing: true, error: builtins.failures.get(name) } : undefined;
  if (IMPLICIT_NAMES.has(name)) return undefined;
  try {
    if (global) global(name);
    else if (!(name in globalThis)) throw new ReferenceError(name);
    return { failing: false };
  } catch (thrown) {
    // A kernel's own refusal (a page's global read headless) keeps its kind.
    return { failing: true, error: taggedKindOf(thrown) ? thrown : new Error(`${name} is not defined`) };
  }
}

/** The name of the input an error came from, if the runtime passed it on from one (its RuntimeError). */
export function failedInputOf(error: unknown): string | undefined {
  const input = (error as { input?: unknown } | null)?.input;
  return error instanceof Error && error.name === "RuntimeError" && typeof input === "string" ? input : undefined;
}

/**
 * The error a cell should show, given the one the runtime passed on: an earlier input's error if an
 * earlier input is failing too, else the runtime's. The cell's own errors are kept as they are.
 */
export function firstInputError(inputs: string[], error: unknown, stateOf: (name: string) => InputState): unknown {
  const failed = failedInputOf(error);
  if (failed === undefined) return error;
  for (const name of inputs) {
    // The failed input's own cell may show another error than the one passed on (chosen this way).
    const state = stateOf(name);
    if (state?.failing) return state.error;
    if (name === failed) return error;
  }
  return error;
}
