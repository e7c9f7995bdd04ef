// Compiles one cell to a definition for the runtime, using Notebook Kit's `transpile` for every
// mode it knows. A cell that does not compile becomes a located error for that cell alone.
// Two things are added on top of Kit: imports are routed through a loader the kernel provides
// (so `npm:` and bare specifiers resolve to locally installed packages, never a CDN), and
// syntax errors get a 1-based line:column inside the cell even where Kit gives none (TypeScript).
import { transpile, type Cell } from "@observablehq/notebook-kit";
import type { Node as AcornNode } from "acorn";
import { simple } from "acorn-walk";
import { parseDefinition } from "./definition-ast.ts";
import { guardGlobalReads } from "./browser-globals.ts";
import { CDN_NPM_PREFIX, npmSpecifierOf } from "./specifiers.ts";

export { npmSpecifierOf };
import type { CellError } from "./errors.ts";
import { locateTypeScriptSyntaxError } from "./typescript-location.ts";
import { DEFAULT_LOOP_BUDGET_MS, guardLoops } from "./loop-guard.ts";

export interface CompiledCell {
  id: number;
  mode: Cell["mode"];
  /** JavaScript source of the definition function; its free names are `IMPORT_LOADER`, `LOOP_GUARD`, `GLOBAL_READER` and `SQL_TABLE` */
  body: string;
  /** unbound references, in the order of the function's parameters */
  inputs: string[];
  /** top-level declarations; the cell's value is an object of them */
  outputs: string[];
  /** the single named output (e.g. a Markdown cell with an output attribute), if any */
  output?: string;
  autodisplay: boolean;
  autoview: boolean;
  automutable: boolean;
  /** FileAttachment names referenced literally */
  files: string[];
  /** module specifiers imported literally, as the kernel's loader gets them */
  imports: string[];
  /** stack-trace line minus cell line, for locating runtime errors */
  lineOffset: number;
}

export type CompileResult = { ok: true; cell: CompiledCell } | { ok: false; error: CellError };

export interface CompileOptions {
  /** milliseconds a cell may run without yielding before it is stopped (Infinity: never) */
  loopBudgetMs?: number;
  /** globals whose reads go through the kernel's reader (a page's globals, headless; see browser-globals.ts) */
  guardGlobals?: ReadonlySet<string>;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** The parameter through which compiled bodies load modules: `__exemplar_import(specifier)`. */
export const IMPORT_LOADER = "__exemplar_import";

/** The parameter through which a SQL cell's rows become what it shows (Inputs.table in the page). */
export const SQL_TABLE = "__exemplar_table";

const RUNNABLE_MODES = new Set<Cell["mode"]>(["js", "ts", "md", "html", "tex", "dot", "ojs", "sql", "node", "python", "r"]);

export function compileCell(cell: Cell, options: CompileOptions = {}): CompileResult {
  if (!RUNNABLE_MODES.has(cell.mode)) {
    return failure(cell.id, "unsupported", `${cell.mode} cells cannot run in Exemplar (JavaScript, TypeScript, Markdown and HTML can)`);
  }
  // Whatever goes wrong in compiling (Kit's transpiler, Observable's parser, our own passes) is
  // this cell's error, never an exception out of the kernel.
  try {
    return { ok: true, cell: compileRunnable(cell, options) };
  } catch (error) {
    return { ok: false, error: locateCompileError(cell, error) };
  }
}

function compileRunnable(cell: Cell, { loopBudgetMs = DEFAULT_LOOP_BUDGET_MS, guardGlobals }: CompileOptions): CompiledCell {
  const transpiled = cell.mode === "sql" ? transpileSql(cell) : transpile(cell);
  const imports: string[] = [];
  const routed = guardGlobalReads(routeImports(transpiled.body, cell.value, imports), guardGlobals ?? NO_NAMES);
  const lineOffset = lineOffsetOf(routed, cell.value);
  // Runaway cells are stopped by checks in loops and functions (loop-guard.ts); lines stay put.
  const body = guardLoops(routed, { budgetMs: loopBudgetMs, cellId: cell.id, lineOffset });
  return {
    id: cell.id,
    mode: cell.mode,
    body,
    inputs: transpiled.inputs ?? [],
    outputs: transpiled.outputs ?? [],
    output: transpiled.output,
    autodisplay: !!transpiled.autodisplay,
    autoview: !!transpiled.autoview,
    automutable: !!transpiled.automutable,
    files: Array.from(transpiled.files ?? []),
    imports,
    lineOffset
  };
}

/**
 * A SQL cell as Kit compiles it (`db.sql\`…\`` or `DatabaseClient("name", …).sql\`…\``), its rows shown
 * through the kernel's table (Kit's `.then(Inputs.table)`): Inputs.table in the page, the rows
 * themselves headless, so the cell's `output` is rows there too.
 */
function transpileSql(cell: Cell): ReturnType<typeof transpile> {
  const shown = transpile(cell);
  if (cell.hidden || !cell.value) return shown;
  const plain = transpile({ ...cell, hidden: true });
  const body = plain.body.replace(/^(async )?\(([^)]*)\) => \{\nreturn \(/, (_, async = "", params) => `${async}(${params}) => {\nreturn ${SQL_TABLE}(`);
  return { ...shown, body, inputs: plain.inputs };
}

/** The names a compiled cell defines for other cells. */
export function definedNames(cell: CompiledCell): string[] {
  if (cell.output != null) return [cell.output.replace(/^(viewof\$|mutable[$ ])/, "")];
  return cell.outputs;
}

function failure(cellId: number, kind: CellError["kind"], message: string): CompileResult {
  return { ok: false, error: { kind, cellId, message } };
}

function locateCompileError(cell: Cell, error: unknown): CellError {
  if (!(error instanceof SyntaxError)) {
    // Something Kit cannot compile at all (a tagged Observable JavaScript cell): the whole cell.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "unsupported", cellId: cell.id, message, line: 1, column: 1, cause: error };
  }
  const suffix = /\s*\((\d+):(\d+)\)$/.exec(error.message);
  const message = suffix ? error.message.slice(0, suffix.index) : error.message;
  // Acorn and Observable's parser give a 0-based column (in the message, or as `loc`); people and editors count from 1.
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  if (suffix) return { kind: "syntax", cellId: cell.id, message, line: Number(suffix[1]), column: Number(suffix[2]) + 1, cause: error };
  if (loc) return { kind: "syntax", cellId: cell.id, message, line: loc.line, column: loc.column + 1, cause: error };
  const location = cell.mode === "ts" ? locateTypeScriptSyntaxError(cell.value) : undefined;
  return { kind: "syntax", cellId: cell.id, message, line: 1, column: 1, ...location, cause: error };
}

const JSR_PREFIX = "https://esm.sh/jsr/";
const OBSERVABLE_API = /^https:\/\/api\.observablehq\.com\/(?:d\/)?(.+)\.js\?v=4$/;

/**
 * Replaces `import(…)` in a transpiled body with the kernel's loader, and undoes Kit's rewrites of
 * `npm:` and `jsr:` imports to network addresses (a full address the author wrote in the cell is
 * left as written).
 */
function routeImports(body: string, source: string, imports: string[]): string {
  const edits: { start: number; end: number; text: string }[] = [];
  simple(parseDefinition(body), {
    ImportExpression(node: AcornNode & { source: AcornNode & { value?: unknown } }) {
      edits.push({ start: node.start, end: node.start + "import".length, text: IMPORT_LOADER });
      const value = node.source.type === "Literal" ? node.source.value : undefined;
      if (typeof value !== "string") return;
      const specifier = source.includes(value) ? undefined : value.startsWith(CDN_NPM_PREFIX) ? npmSpecifierOf(value) : kitNetworkSpecifierOf(value);
      if (specifier) edits.push({ start: node.source.start, end: node.source.end, text: JSON.stringify(specifier) });
      imports.push(specifier ?? value);
    }
  });
  edits.sort((a, b) => b.start - a.start);
  let output = body;
  for (const { start, end, text } of edits) output = output.slice(0, start) + text + output.slice(end);
  return output;
}

/** Kit's address for a `jsr:` or Observable import, back to what the author wrote: kernels refuse it rather than fetch. */
function kitNetworkSpecifierOf(url: string): string | undefined {
  if (url.startsWith(JSR_PREFIX)) return `jsr:${url.slice(JSR_PREFIX.length)}`;
  const observable = OBSERVABLE_API.exec(url);
  return observable ? `observable:${observable[1]}` : undefined;
}

/** Aligns stack-trace lines of the compiled function with the cell's own lines. */
function lineOffsetOf(body: string, source: string): number {
  // `new Function(param, code)` puts two lines ("function anonymous(param", ") {") before code.
  const FUNCTION_HEADER_LINES = 2;
  const sourceLines = source.split("\n");
  const bodyLines = body.split("\n");
  for (let i = 0; i < sourceLines.length; i++) {
    const line = sourceLines[i];
    if (!line.trim() || /^\s*import\s/.test(line)) continue;
    const j = bodyLines.indexOf(line);
    if (j >= 0) return FUNCTION_HEADER_LINES + j - i;
  }
  return FUNCTION_HEADER_LINES + 1;
}
