// The Generators namespace of Observable's standard library, with the same names and behaviour
// as Notebook Kit's, written here because Kit's runtime entry cannot be imported without a DOM.

type Dispose = (() => void) | void | null | undefined;

export interface NotebookGenerator<T> extends AsyncIterableIterator<T> {
  [WAITS_FOR_CHANGES]?: true;
  next(): Promise<IteratorResult<T>>;
  return(): Promise<IteratorResult<T>>;
  throw(error: unknown): Promise<IteratorResult<T>>;
}

/** A generator of the latest value passed to `change`; values not yet pulled are replaced. */
export function observe<T>(initialize: (change: (value: T) => T) => Dispose): NotebookGenerator<T> {
  let resolve: ((value: T) => void) | undefined;
  let reject: ((error: unknown) => void) | undefined;
  let latest: T;
  let unread = false;
  const dispose = checkDispose(
    initialize((value) => {
      latest = value;
      if (resolve) {
        resolve(value);
        resolve = reject = undefined;
      } else {
        unread = true;
      }
      return value;
    })
  );
  return generator(
    () => (unread ? ((unread = false), Promise.resolve(latest)) : new Promise<T>((y, n) => ((resolve = y), (reject = n)))),
    (error) => {
      reject?.(error);
      resolve = reject = undefined;
      dispose?.();
    }
  );
}

/** Like observe, but every value passed to `change` is yielded, in order. */
export function queue<T>(initialize: (change: (value: T) => T) => Dispose): NotebookGenerator<T> {
  let resolve: ((value: T) => void) | undefined;
  let reject: ((error: unknown) => void) | undefined;
  const values: T[] = [];
  const dispose = checkDispose(
    initialize((value) => {
      if (resolve) {
        resolve(value);
        resolve = reject = undefined;
      } else {
        values.push(value);
      }
      return value;
    })
  );
  return generator(
    () => (values.length ? Promise.resolve(values.shift() as T) : new Promise<T>((y, n) => ((resolve = y), (reject = n)))),
    (error) => {
      reject?.(error);
      resolve = reject = undefined;
      dispose?.();
    }
  );
}

/**
 * Marks generators that only wait for outside changes (inputs, Mutable): a cell holding one is
 * settled, not running, between changes.
 */
export const WAITS_FOR_CHANGES = Symbol("exemplar.waitsForChanges");

function generator<T>(pull: () => Promise<T>, stop: (error: unknown) => void): NotebookGenerator<T> {
  return {
    [WAITS_FOR_CHANGES]: true,
    async next() {
      return { done: false, value: await pull() };
    },
    async return() {
      stop(new Error("Generator returned"));
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      stop(error);
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    }
  };
}

function checkDispose(dispose: unknown): (() => void) | undefined {
  if (dispose == null) return undefined;
  if (typeof dispose === "function") return dispose as () => void;
  throw new Error(
    typeof (dispose as { then?: unknown }).then === "function"
      ? "async initializers are not supported"
      : "initializer returned something, but not a dispose function"
  );
}

/** An element (or anything with a value and events) whose value an input generator follows. */
export interface Inputtable {
  value?: unknown;
  type?: string;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** Generators.input: the element's value now and after each input (or click, or change) event. */
export function observeInput(element: Inputtable): NotebookGenerator<unknown> {
  return observe((change) => {
    const event = eventOf(element);
    const listener = () => change(valueOf(element));
    element.addEventListener(event, listener);
    const value = valueOf(element);
    if (value !== undefined) change(value);
    return () => element.removeEventListener(event, listener);
  });
}

function valueOf(element: Inputtable): unknown {
  const input = element as Inputtable & { valueAsNumber?: number; valueAsDate?: Date | null; checked?: boolean; multiple?: boolean; files?: ArrayLike<unknown>; selectedOptions?: ArrayLike<{ value: string }> };
  switch (element.type) {
    case "range":
    case "number":
      return input.valueAsNumber;
    case "date":
      return input.valueAsDate;
    case "checkbox":
      return input.checked;
    case "file":
      return input.multiple ? input.files : input.files?.[0];
    case "select-multiple":
      return Array.from(input.selectedOptions ?? [], (option) => option.value);
  }
  return element.value;
}

function eventOf(element: Inputtable): string {
  switch (element.type) {
    case "button":
    case "submit":
    case "checkbox":
      return "click";
    case "file":
      return "change";
  }
  return "input";
}

/** Generators.now: the current time, once per animation frame (as pulled by the runtime). */
export async function* now(): AsyncGenerator<number> {
  while (true) yield Date.now();
}

export const Generators = { observe, queue, input: observeInput, now };
