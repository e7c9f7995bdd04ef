// Undo/redo over immutable snapshots. Successive changes in the same group (typing in one cell)
// merge into one step while they come less than `mergeWithinMs` apart, as editors group keystrokes.

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** the group and time of the latest change, for merging the next one into it */
  last?: { group: string; time: number };
}

export interface ChangeOptions {
  /** changes with the same group merge into one undo step while they come close together */
  group?: string;
  /** when the change happened (ms); with `group`, decides merging */
  time?: number;
}

export const MERGE_WITHIN_MS = 1000;
export const HISTORY_LIMIT = 500;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** Records `next` as the new present; an identical snapshot records nothing. */
export function change<T>(history: History<T>, next: T, { group, time = 0 }: ChangeOptions = {}): History<T> {
  if (next === history.present) return history;
  const merge = group !== undefined && history.last?.group === group && time - history.last.time < MERGE_WITHIN_MS && history.past.length > 0;
  const past = merge ? history.past : [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], last: group !== undefined ? { group, time } : undefined };
}

/** Ends the current group: the next change starts a new undo step even if it is in the same group. */
export function seal<T>(history: History<T>): History<T> {
  return history.last ? { ...history, last: undefined } : history;
}

export function undo<T>(history: History<T>): History<T> {
  if (!history.past.length) return history;
  const present = history.past[history.past.length - 1];
  return { past: history.past.slice(0, -1), present, future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  if (!history.future.length) return history;
  const [present, ...future] = history.future;
  return { past: [...history.past, history.present], present, future };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}
