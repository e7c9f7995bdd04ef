// The app's settings, kept in this browser (localStorage) rather than in notebook files: Kit's
// serializer drops attributes it does not know, and a budget is the reader's choice, not the file's.
import { loopBudgetMsOf, parseLoopBudget } from "../runtime/loop-budget.ts";

/**
 * The page's loop budget: a runaway cell freezes the tab for at most this long before it errors
 * (with a way to run it without one). The shipped lessons' longest main-thread task in Chromium is
 * far below it (`npm run bench -- --only stretches`); the command line keeps its longer default
 * (DEFAULT_LOOP_BUDGET_MS), where nobody is waiting on a frozen page.
 */
export const PAGE_LOOP_BUDGET_SECONDS = 2;

export interface AppSettings {
  /** seconds a cell may run without yielding before it is stopped; 0 never stops it */
  loopBudgetSeconds: number;
}

export const SETTINGS_KEY = "exemplar:settings";
export const DEFAULT_SETTINGS: AppSettings = { loopBudgetSeconds: PAGE_LOOP_BUDGET_SECONDS };

type SettingsStorage = Pick<Storage, "getItem" | "setItem">;

/** The stored settings; anything missing or unreadable falls back to its default. */
export function readSettings(storage: SettingsStorage | undefined = globalThis.localStorage): AppSettings {
  let stored: unknown;
  try {
    stored = JSON.parse(storage?.getItem(SETTINGS_KEY) ?? "null");
  } catch {
    stored = null;
  }
  const budget = (stored as Partial<AppSettings> | null)?.loopBudgetSeconds;
  const parsed = typeof budget === "number" ? parseLoopBudget(String(budget)) : undefined;
  return { loopBudgetSeconds: parsed && "seconds" in parsed ? parsed.seconds : DEFAULT_SETTINGS.loopBudgetSeconds };
}

export function writeSettings(settings: AppSettings, storage: SettingsStorage = globalThis.localStorage): void {
  storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

/** The runtime's budget in milliseconds; Infinity compiles cells without a guard. */
export function loopBudgetMs(settings: AppSettings): number {
  return loopBudgetMsOf(settings.loopBudgetSeconds);
}
