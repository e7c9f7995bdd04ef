// The page's stand-in for the TypeScript compiler (kernels/browser/typescript.ts), which forwards to
// the real compiler once it is loaded. In Node the real compiler is imported directly.
import ts from "typescript";
import { afterEach, describe, expect, it } from "vitest";
import * as standIn from "../../../kernels/browser/typescript.ts";
import { deferUntilTypeScriptLoads, needsTypeScript, typeScriptLoaded } from "../../../kernels/browser/typescript-compiler.ts";
import { createNotebookRuntime } from "../../../src/runtime/notebook-runtime.ts";
import { cells } from "../../helpers/notebooks.ts";

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[standIn.TYPESCRIPT_SLOT];
});

describe("the TypeScript stand-in", () => {
  it("holds the enum values Kit reads at load time, the same as the compiler's", () => {
    for (const [name, members] of Object.entries(standIn.KNOWN_ENUMS)) {
      for (const [member, value] of Object.entries(members)) expect((ts as unknown as Record<string, Record<string, number>>)[name][member]).toBe(value);
    }
    expect(standIn.ScriptTarget.ESNext).toBe(ts.ScriptTarget.ESNext);
    expect(standIn.ModuleKind.Preserve).toBe(ts.ModuleKind.Preserve);
  });

  it("says the compiler is not loaded yet instead of compiling, then forwards to it once loaded", () => {
    expect(() => standIn.transpile("const x: number = 1;")).toThrow(/TypeScript compiler is not loaded yet/);
    expect(() => standIn.default.createSourceFile).toThrow(/not loaded yet/);
    (globalThis as Record<symbol, unknown>)[standIn.TYPESCRIPT_SLOT] = ts;
    expect(standIn.transpile("const x: number = 1;", { target: standIn.ScriptTarget.ESNext }).trim()).toBe("const x = 1;");
    const file = standIn.createSourceFile("cell.ts", "(1 + 2)", standIn.ScriptTarget.ESNext);
    expect(standIn.isExpressionStatement(file.statements[0])).toBe(true);
    expect(standIn.default.ScriptKind.TS).toBe(ts.ScriptKind.TS);
  });

  it("outside the page TypeScript cells always compile, and only TypeScript cells need the compiler", () => {
    expect(typeScriptLoaded()).toBe(true);
    expect(needsTypeScript([{ mode: "js" }, { mode: "md" }])).toBe(false);
    expect(needsTypeScript([{ mode: "js" }, { mode: "ts" }])).toBe(true);
  });

  it("the runtime that waits for the compiler is the runtime itself: its state is read live, disposed included", async () => {
    const inner = createNotebookRuntime({ builtins: {}, importModule: (specifier) => import(specifier) });
    const runtime = deferUntilTypeScriptLoads(inner);
    runtime.setCells(cells("const a = 1;", { mode: "ts", value: "const b: number = a + 1;" }));
    await runtime.settled();
    expect(runtime.reports().map((report) => report.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(runtime.disposed).toBe(false);
    runtime.dispose();
    expect(runtime.disposed).toBe(true);
    expect(inner.disposed).toBe(true);
    expect(runtime.variableCount()).toBe(0);
  });
});
