// The static shape of a notebook: which cell defines which names, and the dependency loops the
// runtime reports only as "circular definition" (without saying which names are involved).

export interface CellShape {
  id: number;
  defines: string[];
  inputs: string[];
}

/** The names on a dependency loop through the given cell, e.g. ["a", "b", "a"], or undefined. */
export function findCycleThrough(cells: CellShape[], cellId: number): string[] | undefined {
  const definer = new Map<string, CellShape>();
  for (const cell of cells) for (const name of cell.defines) definer.set(name, cell);
  const start = cells.find((cell) => cell.id === cellId);
  if (!start) return undefined;
  // Depth-first search for a path of names from the start cell back to itself.
  const visited = new Set<number>();
  const search = (cell: CellShape, path: string[]): string[] | undefined => {
    for (const input of cell.inputs) {
      const next = definer.get(input);
      if (!next) continue;
      if (next.id === start.id) return [...path, input];
      if (visited.has(next.id)) continue;
      visited.add(next.id);
      const found = search(next, [...path, input]);
      if (found) return found;
    }
    return undefined;
  };
  const path = search(start, []);
  if (!path) return undefined;
  // Read the loop forwards: a cell's name, then the names it depends on, back to the first.
  const names = path.reverse();
  return [...names, names[0]];
}
