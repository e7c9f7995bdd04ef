// One edit of a text as the span it replaced, so it can be taken back out of the text later, or
// put back in, without keeping two copies of the file: how an edit a table made to a data file
// beside the notebook is undone and redone. Pure.

export interface TextChange {
  /** where the edit starts, in the text before it */
  at: number;
  removed: string;
  inserted: string;
}

/** The smallest change that turns `before` into `after` (common start and end left out). */
export function textChange(before: string, after: string): TextChange {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { at: start, removed: before.slice(start, before.length - end), inserted: after.slice(start, after.length - end) };
}

/**
 * The text with the change taken back out ("undo") or made again ("redo"); undefined when the text
 * around it is not what the change left (the file was changed there since).
 */
export function replayChange(text: string, change: TextChange, direction: "undo" | "redo"): string | undefined {
  const [now, then] = direction === "undo" ? [change.inserted, change.removed] : [change.removed, change.inserted];
  if (text.slice(change.at, change.at + now.length) !== now) return undefined;
  return text.slice(0, change.at) + then + text.slice(change.at + now.length);
}
