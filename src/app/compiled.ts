// Cells compiled once per cell object (cells are immutable), for their dependency shape and how
// their value is shown. The runtime compiles too; this is the page's read-only view of the same.
import type { Cell } from "@observablehq/notebook-kit";
import { compileCell, definedNames, type CompileResult } from "../runtime/compile.ts";
import type { CellShape } from "../runtime/topology.ts";
import { typeScriptLoaded } from "../../kernels/browser/typescript-compiler.ts";

const cache = new WeakMap<Cell, CompileResult>();

export function compiledOf(cell: Cell): CompileResult {
  let result = cache.get(cell);
  if (result) return result;
  // Until the kernel has loaded the TypeScript compiler, a TypeScript cell has no shape yet.
  if (cell.mode === "ts" && !typeScriptLoaded()) return { ok: false, error: { kind: "syntax", cellId: cell.id, message: "the TypeScript compiler is loading" } };
  cache.set(cell, (result = compileCell(cell)));
  return result;
}

export function shapeOf(cell: Cell): CellShape {
  const result = compiledOf(cell);
  return result.ok ? { id: cell.id, defines: definedNames(result.cell), inputs: result.cell.inputs } : { id: cell.id, defines: [], inputs: [] };
}
