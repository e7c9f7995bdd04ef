// Mutable(value): a generator whose `.value` can be set, so other cells see each new value.
import { observe, type NotebookGenerator } from "./generators.ts";

export type MutableGenerator<T> = NotebookGenerator<T> & { value: T };

export function Mutable<T>(value: T): MutableGenerator<T> {
  let change: ((value: T) => T) | undefined;
  return Object.defineProperty(
    observe<T>((notify) => {
      change = notify;
      if (value !== undefined) notify(value);
    }),
    "value",
    {
      get: () => value,
      set: (next: T) => {
        value = next;
        change?.(next);
      }
    }
  ) as MutableGenerator<T>;
}

/** For `mutable x` declarations: the generator, and a handle other cells assign through. */
export function Mutator<T>(value: T): [MutableGenerator<T>, { value: T }] {
  const mutable = Mutable(value);
  return [
    mutable,
    {
      get value() {
        return mutable.value;
      },
      set value(next: T) {
        mutable.value = next;
      }
    }
  ];
}
