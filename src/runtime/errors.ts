// Errors are values: each cell failure is tagged data with a location, shown in that cell, and
// turned into one line for terminals by `describeCellError`. Errors the kernels throw on purpose
// carry their kind as a tag (a registered symbol, so it survives a second copy of this module in
// another bundle); nothing is classified by the text of its message.
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

/** Classifies a value thrown by a cell (or handed down from a failed input) as a CellError. */
export function toCellError(cellId: number, thrown: unknown, context: { cycle?: string[]; lineOffset?: number } = {}): CellError {
  const { cycle, lineOffset = 0 } = context;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const tagged = taggedKindOf(thrown);
  if (tagged) return { kind: tagged, cellId, message, cause: thrown, ...locateRuntimeError(cellId, thrown, lineOffset) };
  // A page's global read headless: the engine's own ReferenceError (Kit compiles known globals
  // such as `document` to direct reads, so no kernel sees them first).
  const undefinedName = thrown instanceof ReferenceError ? /^(\S+) is not defined$/.exec(message)?.[1] : undefined;
  if (undefinedName && BROWSER_ONLY_NAMES.has(undefinedName)) {
    return { kind: "needs-browser", cellId, message: `needs a browser (${undefinedName})`, cause: thrown };
  }
  // The runtime's own errors: the only ones read by their text, which the runtime fixes.
  if (thrown instanceof RuntimeError) {
    if (isDuplicateDefinition(thrown)) return { kind: "duplicate", cellId, message, cause: thrown };
    if (message === "circular definition") {
      const detail = cycle && cycle.length ? `circular definition: ${cycle.join(" → ")}` : message;
      return { kind: "circular", cellId, message: detail, cause: thrown };
    }
  }
  const located = locateRuntimeError(cellId, thrown, lineOffset);
  return { kind: "runtime", cellId, message, cause: thrown, ...located };
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
