// Errors are values: each cell failure is tagged data with a location, shown in that cell, and
// turned into one line for terminals by `describeCellError`. Errors the kernels throw on purpose
// carry their kind as a tag (a registered symbol, so it survives a second copy of this module in
// another bundle); the runtime's own errors are told by the notebook's shape (notebook-runtime.ts).
// Two messages are read: the engine's, for a page global a library reads headless, and the
// runtime's for a name two cells declare, to tell which of a cell's outputs it concerns.
import { RuntimeError } from "@observablehq/runtime";

export type CellErrorKind =
  | "syntax" // the cell does not compile
  | "unsupported" // a cell mode Exemplar cannot run
  | "duplicate" // two cells define the same name
  | "circular" // cells depend on each other in a loop
  | "needs-browser" // the cell uses the DOM and runs only in the page
  | "limit" // the cell ran past a limit of the kernel (time, memory) or tried to end the process
  | "runtime"; // the cell threw, or an input failed

export interface CellError {
  kind: CellErrorKind;
  cellId: number;
  message: string;
  /** 1-based line and column inside the cell, when known */
  line?: number;
  column?: number;
  /** the original thrown value, for the inspector */
  cause?: unknown;
}

export function describeCellError(error: CellError): string {
  const where = error.line !== undefined ? `cell ${error.cellId} ${error.line}:${error.column ?? 1}` : `cell ${error.cellId}`;
  return `${where}: ${error.message}`;
}

const KIND = Symbol.for("exemplar.cell-error-kind");

/** An error a kernel throws on purpose, tagged with the kind of cell failure it is. */
export class KernelError extends Error {
  readonly [KIND]: CellErrorKind;
  constructor(kind: CellErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this[KIND] = kind;
  }
}

/** The kind a thrown value was tagged with by its thrower, if any. */
export function taggedKindOf(thrown: unknown): CellErrorKind | undefined {
  return thrown !== null && typeof thrown === "object" ? ((thrown as { [KIND]?: CellErrorKind })[KIND] ?? undefined) : undefined;
}

/** Names that exist only in a browser page; reading one headless needs a browser. */
export const BROWSER_ONLY_NAMES: ReadonlySet<string> = new Set([
  "document", "window", "navigator", "location", "history", "screen", "devicePixelRatio", "innerWidth", "innerHeight",
  "HTMLElement", "HTMLCanvasElement", "HTMLInputElement", "SVGElement", "Element", "Node", "Image", "DOMParser", "XMLSerializer",
  "requestAnimationFrame", "cancelAnimationFrame", "localStorage", "sessionStorage", "indexedDB", "customElements",
  "getComputedStyle", "matchMedia", "alert", "confirm", "prompt", "FileReader",
  "IntersectionObserver", "ResizeObserver", "MutationObserver", "CanvasRenderingContext2D"
]);

/** Something (a builtin, a global, a canvas) that exists only in a page. */
export class NeedsBrowserError extends KernelError {
  override name = "NeedsBrowserError";
  constructor(what: string) {
    super("needs-browser", `needs a browser (${what})`);
  }
}

/** The cell ran past a limit of its kernel: time without yielding, memory, or it tried to end the process. */
export class LimitError extends KernelError {
  override name = "LimitError";
  constructor(message: string) {
    super("limit", message);
  }
}

/** What the notebook's shape says a runtime's own error is (notebook-runtime.ts decides it, not the message). */
export type ShapeError = { kind: "duplicate" } | { kind: "circular"; cycle?: string[] };

/** Classifies a value thrown by a cell (or handed down from a failed input) as a CellError. */
export function toCellError(cellId: number, thrown: unknown, context: { shape?: ShapeError; lineOffset?: number } = {}): CellError {
  const { shape, lineOffset = 0 } = context;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const tagged = taggedKindOf(thrown);
  if (tagged) return { kind: tagged, cellId, message, cause: thrown, ...locateRuntimeError(cellId, thrown, lineOffset) };
  const missing = pageGlobalMissingInLibrary(cellId, thrown);
  if (missing) return { kind: "needs-browser", cellId, message: `needs a browser (${missing})`, cause: thrown };
  if (shape?.kind === "duplicate") return { kind: "duplicate", cellId, message, cause: thrown };
  if (shape?.kind === "circular") {
    const detail = shape.cycle?.length ? `circular definition: ${shape.cycle.join(" → ")}` : message;
    return { kind: "circular", cellId, message: detail, cause: thrown };
  }
  const located = locateRuntimeError(cellId, thrown, lineOffset);
  return { kind: "runtime", cellId, message, cause: thrown, ...located };
}

/**
 * A page's global read headless by a library a cell called (d3.create reads `document`): the one
 * error whose kind no thrower can tag, because the engine throws it, naming the global only in its
 * message. A cell's own reads never get here (browser-globals.ts), so an error thrown in the cell's
 * own code is never read this way, whatever it says.
 */
function pageGlobalMissingInLibrary(cellId: number, thrown: unknown): string | undefined {
  if (!(thrown instanceof ReferenceError) || typeof thrown.stack !== "string") return undefined;
  const top = thrown.stack.split("\n").find((line) => /^\s+at /.test(line));
  if (!top || top.includes(cellSourceUrl(cellId))) return undefined;
  const name = /^(\S+) is not defined$/.exec(thrown.message)?.[1];
  return name && BROWSER_ONLY_NAMES.has(name) && !(name in globalThis) ? name : undefined;
}

/** The runtime's error for a name two cells declare (the runtime fixes its text). */
export function isDuplicateDefinition(thrown: unknown, name?: string): boolean {
  if (!(thrown instanceof RuntimeError)) return false;
  const match = / is defined more than once$/.exec(thrown.message);
  return !!match && (name === undefined || thrown.message === `${name} is defined more than once`);
}

/** Finds the cell's own frame in the stack (compiled cells are named by `cellSourceUrl`). */
function locateRuntimeError(cellId: number, thrown: unknown, lineOffset: number): { line?: number; column?: number } {
  if (!(thrown instanceof Error) || typeof thrown.stack !== "string") return {};
  const match = new RegExp(`${cellSourceUrl(cellId).replace(/[.]/g, "\\.")}:(\\d+):(\\d+)`).exec(thrown.stack);
  if (!match) return {};
  const line = Number(match[1]) - lineOffset;
  return line >= 1 ? { line, column: Number(match[2]) } : {};
}

/** The name compiled cell code carries in stack traces (a `//# sourceURL` comment). */
export function cellSourceUrl(cellId: number): string {
  return `exemplar-cell-${cellId}.js`;
}
