// Which CSV file a cell's name was read from: `const rows = await FileAttachment("x.csv").csv(…)`.
// Such a name's table edits that file (one record per edit, csv-source.ts) instead of the cell.
// Pure: source text in, the files' names out.
import { Parser } from "acorn";

/** A name a cell declares from a CSV file, and the file as the cell names it. */
export interface CsvDeclaration {
  name: string;
  file: string;
}

const found = new Map<string, CsvDeclaration[]>();

/** The CSV file `name` is loaded from in this cell's source, if it is one. */
export function csvFileOf(source: string, name: string): string | undefined {
  return csvDeclarations(source).find((declaration) => declaration.name === name)?.file;
}

/** Every name the cell declares from a CSV file (remembered for the last few sources). */
export function csvDeclarations(source: string): CsvDeclaration[] {
  let declarations = found.get(source);
  if (declarations) return declarations;
  declarations = find(source);
  if (found.size > 32) found.delete(found.keys().next().value!);
  found.set(source, declarations);
  return declarations;
}

function find(source: string): CsvDeclaration[] {
  if (!source.includes("FileAttachment")) return [];
  let program: any;
  try {
    program = Parser.parse(source, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true });
  } catch {
    return [];
  }
  const declarations: CsvDeclaration[] = [];
  for (const statement of program.body) {
    if (statement.type !== "VariableDeclaration") continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== "Identifier") continue;
      let init = declarator.init;
      if (init?.type === "AwaitExpression") init = init.argument;
      const call = init?.type === "CallExpression" ? init : undefined;
      const method = call?.callee.type === "MemberExpression" ? call.callee : undefined;
      const attachment = method?.object.type === "CallExpression" ? method.object : undefined;
      const argument = attachment?.arguments[0];
      if (method?.property.name === "csv" && attachment?.callee.type === "Identifier" && attachment.callee.name === "FileAttachment" && argument?.type === "Literal" && typeof argument.value === "string") {
        declarations.push({ name: declarator.id.name, file: argument.value });
      }
    }
  }
  return declarations;
}
