// Whether two values a table shows are the same example's: equal, or equal as data (arrays, objects).

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "object" && typeof b === "object" && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}
