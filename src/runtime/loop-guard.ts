// Runaway cells: a cell stuck in a synchronous loop (or an endless recursion) would freeze the page,
// or the Node kernel, for ever. Compiled cells get a cheap check in every loop body and at every
// function entry (`guardLoops`); when the code has run for longer than the budget without
// yielding, the check throws a RunawayCellError in that cell, and the rest of the notebook runs on.
// The clock runs per synchronous stretch: it restarts when a cell's run begins and whenever the
// code yields (await, or a generator handing a value back to the runtime), so long work that
// awaits, like a training loop, is never stopped.
import type { Function as AcornFunction, Node as AcornNode, Statement } from "acorn";
import { simple } from "acorn-walk";
import { parseDefinition } from "./definition-ast.ts";
import { cellSourceUrl } from "./errors.ts";

/** The parameter through which guarded bodies reach `loopGuard` (see define.ts). */
export const LOOP_GUARD = "__exemplar_guard";

/** How long a cell may run without yielding before it is stopped, unless the app says otherwise. */
export const DEFAULT_LOOP_BUDGET_MS = 10_000;

export interface GuardOptions {
  /** milliseconds without yielding before the cell is stopped; Infinity leaves the body as it is */
  budgetMs: number;
  cellId: number;
  /** stack-trace line minus cell line (CompiledCell.lineOffset), to name the loop's place in the cell */
  lineOffset: number;
}

type Loop = AcornNode & { body: Statement };
interface Edit {
  offset: number;
  text: string;
  opens: boolean;
  order: number;
}

/**
 * Inserts a guard check at the top of every loop body and function body of a compiled cell, and a
 * clock restart at the start of the cell's own function. Adds no line breaks, so lines stay put.
 */
export function guardLoops(body: string, { budgetMs, cellId, lineOffset }: GuardOptions): string {
  if (!(budgetMs > 0) || budgetMs === Infinity) return body;
  // The cell's own function: an arrow (Kit's JavaScript cells) or a function (Observable JavaScript).
  const root = parseDefinition(body, true);
  const edits: Edit[] = [];
  const insert = (offset: number, text: string, opens: boolean) => edits.push({ offset, text, opens, order: edits.length });
  const check = (node: AcornNode, kind: "loop" | "function") => {
    const start = node.loc!.start;
    const line = start.line + 2 - lineOffset; // see lineOffsetOf in compile.ts
    const args = [budgetMs, cellId, line, start.column + 1, lineOffset, JSON.stringify(kind)].join(",");
    return `--${LOOP_GUARD}.n<0&&${LOOP_GUARD}.check(${args})`;
  };
  const guardLoop = (node: Loop) => {
    if (node.body.type === "BlockStatement") insert(node.body.start + 1, `${check(node, "loop")};`, true);
    else {
      insert(node.body.start, `{${check(node, "loop")};`, true);
      insert(node.body.end, "}", false);
    }
  };
  simple(root, {
    ForStatement: guardLoop,
    ForInStatement: guardLoop,
    ForOfStatement: guardLoop,
    WhileStatement: guardLoop,
    DoWhileStatement: guardLoop,
    Function(node: AcornFunction) {
      const entry = node === root ? `${LOOP_GUARD}.start(${cellId})` : check(node, "function");
      const target = node.body;
      if (target.type !== "BlockStatement") {
        insert(target.start, `(${entry},`, true);
        insert(target.end, ")", false);
        return;
      }
      // After any "use strict", which must stay first to keep its meaning.
      const directives = target.body.filter((statement) => "directive" in statement);
      insert(directives.length ? directives[directives.length - 1].end : target.start + 1, `${entry};`, true);
    }
  });
  return applyEdits(body, edits);
}

/** Applies insertions; at one offset, closings come first (innermost first), then openings (outermost first). */
function applyEdits(text: string, edits: Edit[]): string {
  edits.sort((a, b) => a.offset - b.offset || Number(a.opens) - Number(b.opens) || (a.opens ? b.order - a.order : a.order - b.order));
  let output = "";
  let position = 0;
  for (const { offset, text: inserted } of edits) {
    output += text.slice(position, offset) + inserted;
    position = offset;
  }
  return output + text.slice(position);
}

export class RunawayCellError extends Error {
  override name = "RunawayCellError";
}

/** Aim for a clock reading every few milliseconds, however long one iteration takes. */
const READING_INTERVAL_MS = 5;
const MOST_ITERATIONS_BETWEEN_READINGS = 1 << 14;

let since: number | undefined; // when the current synchronous stretch began
let lastReading = 0;
let every = 1; // iterations (or calls) between clock readings
let endQueued = false;
let lastCell: Int32Array | undefined;

/**
 * Keeps the id of the cell whose guarded code ran last in `slot[0]`, which another thread can read
 * while this one is stuck (the CLI's watchdog names the cell it had to stop; kernels/node/watchdog.ts).
 */
export function reportRunningCellTo(slot: Int32Array): void {
  lastCell = slot;
}

/** What guarded cell code calls; `n` counts down to the next clock reading. */
export const loopGuard = {
  n: 0,
  /** a cell's run begins: it gets a whole budget of its own */
  start(cellId?: number): void {
    if (lastCell && cellId !== undefined) lastCell[0] = cellId;
    beginStretch(performance.now());
  },
  /** reads the clock, and throws once the cell has run for its budget without yielding */
  check(budgetMs: number, cellId: number, line: number, column: number, lineOffset: number, kind: string): void {
    if (lastCell) lastCell[0] = cellId;
    const now = performance.now();
    if (since === undefined) beginStretch(now);
    else if (now - since > budgetMs) throw runaway(budgetMs, cellId, line, column, lineOffset, kind);
    else {
      // Readings adapt to the loop: fewer for fast iterations, one per iteration for slow ones.
      const elapsed = now - lastReading;
      every = elapsed > READING_INTERVAL_MS ? Math.max(1, Math.floor((every * READING_INTERVAL_MS) / elapsed)) : Math.min(MOST_ITERATIONS_BETWEEN_READINGS, every * 4);
    }
    lastReading = now;
    loopGuard.n = every;
  }
};

function beginStretch(now: number): void {
  since = lastReading = now;
  every = 1;
  loopGuard.n = every;
  if (endQueued) return;
  endQueued = true;
  // Microtasks run only once the synchronous code has returned or awaited: the stretch is over.
  queueMicrotask(() => {
    endQueued = false;
    since = undefined;
    loopGuard.n = 0;
  });
}

function runaway(budgetMs: number, cellId: number, line: number, column: number, lineOffset: number, kind: string): RunawayCellError {
  const error = new RunawayCellError(
    `stopped after ${budgetMs / 1000} s without yielding (the ${kind} at ${line}:${column} in cell ${cellId}); long work should await or yield now and then`
  );
  // The cell's error is placed at the loop, not where the check happens to sit.
  const frames = (error.stack ?? "").split("\n").slice(1);
  error.stack = [`${error.name}: ${error.message}`, `    at ${cellSourceUrl(cellId)}:${line + lineOffset}:${column}`, ...frames].join("\n");
  return error;
}
