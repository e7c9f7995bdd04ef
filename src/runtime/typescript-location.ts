// Kit reports TypeScript syntax errors without a position; the TypeScript parser has one.
import ts from "typescript";

export function locateTypeScriptSyntaxError(source: string): { line: number; column: number } | undefined {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
  // parseDiagnostics is not in the public typings but is how the parser reports syntax errors.
  const diagnostics = (file as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics;
  const first = diagnostics?.find((diagnostic) => diagnostic.start !== undefined);
  if (!first || first.start === undefined) return undefined;
  const { line, character } = file.getLineAndCharacterOfPosition(first.start);
  return { line: line + 1, column: character + 1 };
}
