// The loop budget as people give it, in seconds (the app's setting, the CLI's --loop-budget): the
// checks and the words of its errors live here so both say the same.

/** An hour: past that a frozen page is not a budget any more; 0 says "never" plainly. */
export const MOST_LOOP_BUDGET_SECONDS = 3600;

/** The budget as typed, or why it cannot be one. */
export function parseLoopBudget(text: string): { seconds: number } | { error: string } {
  const trimmed = text.trim();
  const seconds = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(seconds)) return { error: `"${text}" is not a number of seconds` };
  if (seconds < 0 || seconds > MOST_LOOP_BUDGET_SECONDS) return { error: `the budget must be between 0 (never stop) and ${MOST_LOOP_BUDGET_SECONDS} seconds` };
  if (seconds > 0 && seconds < 0.1) return { error: "the budget must be at least 0.1 s (or 0: never stop)" };
  return { seconds };
}

/** The runtime's budget in milliseconds; Infinity compiles cells without a guard. */
export function loopBudgetMsOf(seconds: number): number {
  return seconds > 0 ? seconds * 1000 : Infinity;
}
