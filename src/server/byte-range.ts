// One byte range of a file (`Range: bytes=a-b`, `bytes=a-`, `bytes=-n`), so a reader such as
// duckdb-wasm reads a large Parquet file piece by piece instead of whole. Several ranges in one
// request are answered with the whole file, which HTTP allows.

export type RangeAnswer = { kind: "whole" } | { kind: "part"; start: number; end: number } | { kind: "unsatisfiable" };

/** What to send for a Range header over a file of `size` bytes; `end` is inclusive. */
export function byteRange(header: string | undefined, size: number): RangeAnswer {
  if (!header) return { kind: "whole" };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return { kind: "whole" };
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return { kind: "unsatisfiable" };
    return { kind: "part", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return { kind: "unsatisfiable" };
  return { kind: "part", start, end };
}
