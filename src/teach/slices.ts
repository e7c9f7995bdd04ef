// Long work over many examples in slices: a batch at a time, giving the page (or the Node kernel's
// event loop) a turn whenever about a frame's worth of time is used up, so evaluating or encoding
// however many examples never freezes the page. Work that fits in one slice never yields.
import { nextMacrotask } from "./yield.ts";

/** Milliseconds of work between turns for the page (a frame has ~16). */
const SLICE_MS = 12;

/** Calls `work(start, end)` for consecutive ranges of at most `batch` of `count` items, yielding between slices. */
export async function inSlices(count: number, batch: number, work: (start: number, end: number) => void | Promise<void>): Promise<void> {
  let sliceStart = performance.now();
  for (let start = 0; start < count; start += batch) {
    await work(start, Math.min(count, start + batch));
    if (performance.now() - sliceStart > SLICE_MS && start + batch < count) {
      await nextMacrotask();
      sliceStart = performance.now();
    }
  }
}

/** `items.map(f)`, yielding between slices. */
export async function mapInSlices<T, U>(items: readonly T[], f: (item: T, index: number) => U, batch = 32): Promise<U[]> {
  const mapped = new Array<U>(items.length);
  await inSlices(items.length, batch, (start, end) => {
    for (let i = start; i < end; i++) mapped[i] = f(items[i], i);
  });
  return mapped;
}
