import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, loopBudgetMs, PAGE_LOOP_BUDGET_SECONDS, readSettings, SETTINGS_KEY, writeSettings } from "../../src/app/settings.ts";
import { parseLoopBudget } from "../../src/runtime/loop-budget.ts";
import { DEFAULT_LOOP_BUDGET_MS } from "../../src/runtime/loop-guard.ts";

// A real browser storage (jsdom's), so what is written is what a page would read back.
const storage = () => new JSDOM("", { url: "http://127.0.0.1:5173/" }).window.localStorage;

describe("app settings", () => {
  it("default to the page's loop budget when nothing is stored: a tab frozen for 2 s at most, shorter than the command line's", () => {
    expect(readSettings(storage())).toEqual(DEFAULT_SETTINGS);
    expect(loopBudgetMs(readSettings(storage()))).toBe(PAGE_LOOP_BUDGET_SECONDS * 1000);
    expect(PAGE_LOOP_BUDGET_SECONDS).toBeLessThanOrEqual(2);
    expect(PAGE_LOOP_BUDGET_SECONDS * 1000).toBeLessThan(DEFAULT_LOOP_BUDGET_MS);
  });

  it("keep what was written, and 0 means no guard at all", () => {
    const store = storage();
    writeSettings({ loopBudgetSeconds: 2.5 }, store);
    expect(readSettings(store)).toEqual({ loopBudgetSeconds: 2.5 });
    expect(loopBudgetMs(readSettings(store))).toBe(2500);
    writeSettings({ loopBudgetSeconds: 0 }, store);
    expect(loopBudgetMs(readSettings(store))).toBe(Infinity);
  });

  it("fall back to the default for a stored value that is broken or out of range, never throwing", () => {
    const store = storage();
    for (const stored of ["{not json", '{"loopBudgetSeconds":"ten"}', '{"loopBudgetSeconds":-3}', '{"loopBudgetSeconds":99999}', "null", "[]"]) {
      store.setItem(SETTINGS_KEY, stored);
      expect(readSettings(store), stored).toEqual(DEFAULT_SETTINGS);
    }
  });

  it("read as defaults where there is no storage (a page with storage disabled)", () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});

describe("parseLoopBudget", () => {
  it("accepts seconds, fractions and 0", () => {
    expect(parseLoopBudget(" 10 ")).toEqual({ seconds: 10 });
    expect(parseLoopBudget("0.5")).toEqual({ seconds: 0.5 });
    expect(parseLoopBudget("0")).toEqual({ seconds: 0 });
  });

  it("says why a value cannot be a budget", () => {
    expect(parseLoopBudget("")).toEqual({ error: '"" is not a number of seconds' });
    expect(parseLoopBudget("ten")).toEqual({ error: '"ten" is not a number of seconds' });
    expect(parseLoopBudget("-1")).toEqual({ error: "the budget must be between 0 (never stop) and 3600 seconds" });
    expect(parseLoopBudget("7200")).toEqual({ error: "the budget must be between 0 (never stop) and 3600 seconds" });
    expect(parseLoopBudget("0.01")).toEqual({ error: "the budget must be at least 0.1 s (or 0: never stop)" });
  });
});
