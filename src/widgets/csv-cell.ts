// Which CSV file a cell's name was read from: `const rows = await FileAttachment("x.csv").csv(…)`.
// Such a name's table edits that file (one record per edit, csv-source.ts) instead of the cell.
// Pure: source text in, the file's name out.
import { Parser } from "acorn";
import { csvParseRows } from "d3-dsv";
import { applyCsvEdit, csvRecords } from "../notebook/csv-source.ts";

const found = new Map<string, string | undefined>();

/** The CSV file `name` is loaded from in this cell's source, if it is one. */
export function csvFileOf(source: string, name: string): string | undefined {
  const key = `${name}\n${source}`;
  if (found.has(key)) return found.get(key);
  const file = find(source, name);
  if (found.size > 32) found.delete(found.keys().next().value!);
  found.set(key, file);
  return file;
}

function find(source: string, name: string): string | undefined {
  if (!source.includes("FileAttachment")) return undefined;
  let program: any;
  try {
    program = Parser.parse(source, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true });
  } catch {
    return undefined;
  }
  for (const statement of program.body) {
    if (statement.type !== "VariableDeclaration") continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== "Identifier" || declarator.id.name !== name) continue;
      let init = declarator.init;
      if (init?.type === "AwaitExpression") init = init.argument;
      const call = init?.type === "CallExpression" ? init : undefined;
      const method = call?.callee.type === "MemberExpression" ? call.callee : undefined;
      const attachment = method?.object.type === "CallExpression" ? method.object : undefined;
      const argument = attachment?.arguments[0];
      if (method?.property.name === "csv" && attachment?.callee.type === "Identifier" && attachment.callee.name === "FileAttachment" && argument?.type === "Literal" && typeof argument.value === "string") {
        return argument.value;
      }
    }
  }
  return undefined;
}

/** The data record at `index` with one field replaced; the other fields keep their exact text. */
export function replaceCsvField(text: string, index: number, column: string, value: string): string {
  const records = csvRecords(text).filter((record) => record.end > record.start);
  const header = csvParseRows(text.slice(records[0].start, records[0].end))[0];
  const record = records[index + 1];
  if (!record) throw new RangeError(`there is no row ${index + 1} in the file (it has ${records.length - 1})`);
  if (!header.includes(column)) throw new Error(`the file has no column "${column}"`);
  const fields = csvParseRows(text.slice(record.start, record.end))[0] ?? [];
  const row = Object.fromEntries(header.map((name, k) => [name, fields[k] ?? ""]));
  row[column] = value;
  return applyCsvEdit(text, { kind: "update", index, row });
}
