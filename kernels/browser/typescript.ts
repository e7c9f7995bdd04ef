// `typescript` as the page sees it (vite.config.ts aliases the name here, in the page only). Kit's
// transpile imports the compiler at load, but only TypeScript cells need it, and it is most of a
// megabyte gzipped: this stand-in forwards to the real compiler once `loadTypeScript()` (in
// typescript-compiler.ts) has loaded it. The two meet in one global slot, because the stand-in is
// also bundled into Kit's pre-bundled dependency, a second copy of this module.
import type * as TypeScript from "typescript";

type Compiler = typeof TypeScript;

export const TYPESCRIPT_SLOT = Symbol.for("exemplar.typescript");
/** An export the real compiler lacks, so code can tell the stand-in from it. */
export const STAND_IN_MARK = "exemplarStandIn";
export const exemplarStandIn = true;

/** The loaded compiler, or undefined before `loadTypeScript()` has finished. */
export function loadedTypeScript(): Compiler | undefined {
  return (globalThis as Record<symbol, Compiler | undefined>)[TYPESCRIPT_SLOT];
}

function compiler(): Compiler {
  const loaded = loadedTypeScript();
  if (!loaded) throw new Error("the TypeScript compiler is not loaded yet (the kernel loads it before running a TypeScript cell)");
  return loaded;
}

// Enum values Kit reads when it loads, before the compiler is there; checked against it on load.
export const KNOWN_ENUMS = {
  ScriptTarget: { ESNext: 99 },
  ModuleKind: { Preserve: 200 },
  ScriptKind: { TS: 3 }
} as const;

function lazyEnum<Name extends keyof typeof KNOWN_ENUMS>(name: Name): Compiler[Name] {
  return new Proxy({} as Compiler[Name], {
    get: (_, member) => (loadedTypeScript()?.[name] as Record<PropertyKey, unknown> | undefined)?.[member] ?? (KNOWN_ENUMS[name] as Record<PropertyKey, unknown>)[member]
  });
}

export const ScriptTarget = lazyEnum("ScriptTarget");
export const ModuleKind = lazyEnum("ModuleKind");
export const ScriptKind = lazyEnum("ScriptKind");

export const transpile: Compiler["transpile"] = (...args) => compiler().transpile(...args);
export const createProgram = ((...args: Parameters<Compiler["createProgram"]>) => (compiler().createProgram as (...a: unknown[]) => unknown)(...args)) as Compiler["createProgram"];
export const createSourceFile: Compiler["createSourceFile"] = (...args) => compiler().createSourceFile(...args);
export const isClassExpression: Compiler["isClassExpression"] = (node) => compiler().isClassExpression(node);
export const isFunctionExpression: Compiler["isFunctionExpression"] = (node) => compiler().isFunctionExpression(node);
export const isParenthesizedExpression: Compiler["isParenthesizedExpression"] = (node) => compiler().isParenthesizedExpression(node);
export const isExpressionStatement: Compiler["isExpressionStatement"] = (node) => compiler().isExpressionStatement(node);

const enums: Record<PropertyKey, unknown> = { ScriptTarget, ModuleKind, ScriptKind };

/** `import ts from "typescript"`: every member forwards to the loaded compiler. */
export default new Proxy({} as Compiler, {
  get: (_, member) => enums[member] ?? compiler()[member as keyof Compiler]
});
