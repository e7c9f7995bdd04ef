// Opens the benchmark page in Chromium and calls into it: `page.call("time", …)` runs
// window.exemplarBench.time(…) in the page and returns its result.
import type { BrowserContext, Page } from "playwright-core";

export interface BenchPage {
  page: Page;
  call<T>(name: string, ...args: unknown[]): Promise<T>;
}

export async function openBenchPage(context: BrowserContext, url: string): Promise<BenchPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url, { timeout: 180_000 });
  await page.waitForFunction(() => "exemplarBench" in window, undefined, { timeout: 120_000 }).catch((error) => {
    throw new Error(`the bench page did not start${errors.length ? `: ${errors.join("; ")}` : ""} (${(error as Error).message})`);
  });
  return {
    page,
    call: <T>(name: string, ...args: unknown[]) =>
      page.evaluate(([name, args]) => (window as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>).exemplarBench[name as string](...(args as unknown[])), [name, args] as const) as Promise<T>
  };
}
