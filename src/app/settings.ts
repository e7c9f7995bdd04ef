// The app's settings, kept in this browser (localStorage) rather than in notebook files: Kit's
// serializer drops attributes it does not know, and a budget is the reader's choice, not the file's.
import { DEFAULT_LOOP_BUDGET_MS } from "../runtime/loop-guard.ts";
import { loopBudgetMsOf, parseLoopBudget } from "../runtime/loop-budget.ts";

export interface AppSettings {
  /** seconds a cell may run without yielding before it is stopped; 0 never stops it */
  loopBudgetSeconds: number;
}

export const SETTINGS_KEY = "exemplar:settings";
export const DEFAULT_SETTINGS: AppSettings = { loopBudgetSeconds: DEFAULT_LOOP_BUDGET_MS / 1000 };

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
