// Loads the TypeScript compiler on demand, for the `typescript` stand-in (typescript.ts) to forward
// to. The browser kernel's runtime holds changes back while it loads for a TypeScript cell;
// notebooks without one never download the compiler.
import * as typescript from "typescript";
import type { NotebookRuntime } from "../../src/runtime/notebook-runtime.ts";
import { KNOWN_ENUMS, loadedTypeScript, STAND_IN_MARK, TYPESCRIPT_SLOT } from "./typescript.ts";

let loading: Promise<void> | undefined;

export function loadTypeScript(): Promise<void> {
  loading ??= import("typescript/lib/typescript.js").then((module) => {
    const compiler = ((module as { default?: unknown }).default ?? module) as Record<string, Record<string, number>>;
    for (const [name, members] of Object.entries(KNOWN_ENUMS)) {
      for (const [member, value] of Object.entries(members)) {
        if (compiler[name][member] !== value) throw new Error(`typescript ${name}.${member} is ${compiler[name][member]}, not ${value}: update KNOWN_ENUMS in kernels/browser/typescript.ts`);
      }
    }
    (globalThis as Record<symbol, unknown>)[TYPESCRIPT_SLOT] = compiler;
  });
  return loading;
}

/** Whether TypeScript cells compile now: always outside the page, where "typescript" is the compiler itself. */
export function typeScriptLoaded(): boolean {
  return !(STAND_IN_MARK in typescript) || loadedTypeScript() !== undefined;
}

/** Whether any of these cells needs the compiler. */
export function needsTypeScript(cells: readonly { mode: string }[]): boolean {
  return cells.some((cell) => cell.mode === "ts");
}

/**
 * The runtime, with every change held back, in order, while the compiler loads for a TypeScript
 * cell; changes that need no compiler pass straight through when none are held.
 */
export function deferUntilTypeScriptLoads(runtime: NotebookRuntime): NotebookRuntime {
  let held: (() => void)[] | undefined;
  let disposed = false;
  const apply = (needsCompiler: boolean, change: () => void) => {
    if (!held && (!needsCompiler || typeScriptLoaded())) return change();
    if (!held) {
      held = [];
      loadTypeScript().then(
        () => {
          const changes = held ?? [];
          held = undefined;
          if (!disposed) for (const change of changes) change();
        },
        (error) => {
          // The held changes are dropped (their cells stay pending); the next one tries again.
          console.error("exemplar: the TypeScript compiler did not load:", error);
          held = undefined;
          loading = undefined;
        }
      );
    }
    held.push(change);
  };
  // Everything else is delegated, not copied: a copy would freeze getters such as `disposed`.
  return {
    define: (cell, force) => apply(cell.mode === "ts", () => runtime.define(cell, force)),
    setCells: (cells) => apply(needsTypeScript(cells), () => runtime.setCells(cells)),
    delete: (id) => apply(false, () => runtime.delete(id)),
    dispose: () => {
      disposed = true;
      runtime.dispose();
    },
    stop: (id) => runtime.stop(id),
    report: (id) => runtime.report(id),
    compiled: (id) => runtime.compiled(id),
    workClock: (id) => runtime.workClock(id),
    reports: () => runtime.reports(),
    subscribe: (listener) => runtime.subscribe(listener),
    settled: () => runtime.settled(),
    value: (name) => runtime.value(name),
    variableCount: () => runtime.variableCount(),
    get disposed() {
      return runtime.disposed;
    }
  };
}
