// Errors are values: each cell failure is tagged data with a location, shown in that cell, and
// turned into one line for terminals by `describeCellError`.

export type CellErrorKind =
  | "syntax" // the cell does not compile
  | "unsupported" // a cell mode Exemplar cannot run (SQL, Python, …)
  | "duplicate" // two cells define the same name
  | "circular" // cells depend on each other in a loop
  | "needs-browser" // the cell uses the DOM and runs only in the page
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

/** Names that exist only in a browser page; a cell failing on one of them needs a browser. */
const BROWSER_ONLY_NAMES = new Set([
  "document", "window", "navigator", "HTMLElement", "HTMLCanvasElement", "Element", "Node", "Image",
  "requestAnimationFrame", "localStorage", "indexedDB", "customElements", "getComputedStyle",
  "IntersectionObserver", "ResizeObserver", "MutationObserver", "CanvasRenderingContext2D"
]);

export class NeedsBrowserError extends Error {
  override name = "NeedsBrowserError";
  constructor(what: string) {
    super(`needs a browser (${what})`);
  }
}

/** Classifies a value thrown by a cell (or handed down from a failed input) as a CellError. */
export function toCellError(cellId: number, thrown: unknown, context: { cycle?: string[]; lineOffset?: number } = {}): CellError {
  const { cycle, lineOffset = 0 } = context;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  if (/^needs a browser/.test(message)) return { kind: "needs-browser", cellId, message, cause: thrown };
  const undefinedName = /^(\S+) is not defined$/.exec(message)?.[1];
  if (undefinedName && BROWSER_ONLY_NAMES.has(undefinedName)) {
    return { kind: "needs-browser", cellId, message: `needs a browser (${undefinedName})`, cause: thrown };
  }
  if (/ is defined more than once$/.test(message)) return { kind: "duplicate", cellId, message, cause: thrown };
  if (message === "circular definition") {
    const detail = cycle && cycle.length ? `circular definition: ${cycle.join(" → ")}` : message;
    return { kind: "circular", cellId, message: detail, cause: thrown };
  }
  const located = locateRuntimeError(cellId, thrown, lineOffset);
  return { kind: "runtime", cellId, message, cause: thrown, ...located };
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
