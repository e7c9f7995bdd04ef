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

/** The cells that depend on any of `ids`, directly or through other cells (the given cells excluded). */
export function downstreamCells(cells: CellShape[], ids: Iterable<number>): Set<number> {
  const users = new Map<string, CellShape[]>();
  for (const cell of cells) for (const input of cell.inputs) users.set(input, [...(users.get(input) ?? []), cell]);
  return reachable(cells, ids, (cell) => cell.defines.flatMap((name) => users.get(name) ?? []));
}

/** The cells that `id` depends on, directly or through other cells (the cell itself excluded). */
export function upstreamCells(cells: CellShape[], id: number): Set<number> {
  const definer = new Map<string, CellShape>();
  for (const cell of cells) for (const name of cell.defines) definer.set(name, cell);
  return reachable(cells, [id], (cell) => cell.inputs.flatMap((name) => definer.get(name) ?? []));
}

function reachable(cells: CellShape[], ids: Iterable<number>, next: (cell: CellShape) => CellShape[]): Set<number> {
  const start = new Set(ids);
  const found = new Set<number>();
  const queue = cells.filter((cell) => start.has(cell.id));
  while (queue.length) {
    for (const other of next(queue.pop()!)) {
      if (found.has(other.id) || start.has(other.id)) continue;
      found.add(other.id);
      queue.push(other);
    }
  }
  return found;
}
