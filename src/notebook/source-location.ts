// Where something is in a text, as people and editors count: 1-based line and column. Shared by
// the checks that report on a notebook file (validate.ts) and on a cell's source (examples-source.ts).

export interface SourceLocation {
  line: number; // 1-based
  column: number; // 1-based
}

/** Maps an offset to its 1-based line and column. */
export function lineColumnOf(text: string): (offset: number) => SourceLocation {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}

/** Where a parser's SyntaxError points (acorn's `loc`, whose column counts from 0), if it says. */
export function syntaxErrorLocation(error: unknown): SourceLocation | undefined {
  const loc = (error as { loc?: { line?: unknown; column?: unknown } } | null)?.loc;
  return typeof loc?.line === "number" && typeof loc.column === "number" ? { line: loc.line, column: loc.column + 1 } : undefined;
}

/** Why something in a source is refused, and where when known. */
export interface LocatedReason extends Partial<SourceLocation> {
  reason: string;
}

/** `reason`, placed at the start of a parsed node (acorn counts columns from 0). */
export function reasonAt(node: { loc?: { start: { line: number; column: number } } | null }, reason: string): LocatedReason {
  return node.loc ? { reason, line: node.loc.start.line, column: node.loc.start.column + 1 } : { reason };
}
