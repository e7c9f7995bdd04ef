// The names a cell's editor completes: every cell's declarations and the kernel's library (the
// names it says every cell can use: its builtins and each cell's display, view, invalidation).
// A cell that ran declares what the kernel compiled; a JavaScript cell never run, what its text
// declares (TypeScript waits for the compiler the kernel loads).
import type { Cell } from "@observablehq/notebook-kit";
import { compileCell, definedNames } from "../runtime/compile.ts";
import type { CellOutline } from "../runtime/kernel.ts";

const typed = new WeakMap<Cell, string[]>();

export function completionNames(cells: readonly Cell[], outline: (id: number) => CellOutline | undefined, library: readonly string[]): string[] {
  const declared = cells.flatMap((cell) => outline(cell.id)?.defines ?? typedNames(cell));
  return [...new Set([...declared, ...library])].sort();
}

function typedNames(cell: Cell): string[] {
  if (cell.mode !== "js") return [];
  let names = typed.get(cell);
  if (!names) {
    const compiled = compileCell(cell);
    typed.set(cell, (names = compiled.ok ? definedNames(compiled.cell) : []));
  }
  return names;
}
