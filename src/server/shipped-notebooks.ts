// The notebooks this repository ships run without asking, byte for byte as shipped: their content
// hashes are listed in shipped-notebooks.json, generated from notebooks/ by `npm run
// shipped-notebooks` and checked by `npm test` (which prints that command when the list is stale).
// The list, not the folder, is what is trusted: a file dropped into notebooks/ is not on it.
//   tsx src/server/shipped-notebooks.ts write   regenerate the list
//   tsx src/server/shipped-notebooks.ts check   exit 1 when it differs from notebooks/
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { versionOf } from "./versions.ts";

export const SHIPPED_LIST = fileURLToPath(new URL("./shipped-notebooks.json", import.meta.url));
const NOTEBOOKS = fileURLToPath(new URL("../../notebooks/", import.meta.url));
export const REGENERATE = "npm run shipped-notebooks";

/** notebook file name → sha-256 of its bytes */
export type ShippedList = Record<string, string>;

export async function readShippedList(file = SHIPPED_LIST): Promise<ShippedList> {
  return JSON.parse(await readFile(file, "utf8")) as ShippedList;
}

export async function shippedVersions(file = SHIPPED_LIST): Promise<Set<string>> {
  try {
    return new Set(Object.values(await readShippedList(file)));
  } catch {
    return new Set(); // no list: nothing runs without asking
  }
}

/** The list as notebooks/ holds it now (every .html file at its top level). */
export async function currentShippedList(folder = NOTEBOOKS): Promise<ShippedList> {
  const names = (await readdir(folder)).filter((name) => name.endsWith(".html")).sort();
  const list: ShippedList = {};
  for (const name of names) list[name] = versionOf(await readFile(join(folder, name)));
  return list;
}

/** What differs between the list and the folder, one line each; empty when they agree. */
export function listDifferences(listed: ShippedList, current: ShippedList): string[] {
  const lines: string[] = [];
  for (const [name, version] of Object.entries(current)) {
    if (!(name in listed)) lines.push(`notebooks/${name} is not on the list`);
    else if (listed[name] !== version) lines.push(`notebooks/${name} changed since the list was made`);
  }
  for (const name of Object.keys(listed)) if (!(name in current)) lines.push(`notebooks/${name} is on the list but not in notebooks/`);
  return lines;
}

async function main(command: string | undefined): Promise<number> {
  const current = await currentShippedList();
  if (command === "write") {
    await writeFile(SHIPPED_LIST, `${JSON.stringify(current, null, 2)}\n`);
    console.log(`shipped notebooks: ${Object.keys(current).length} listed in src/server/shipped-notebooks.json`);
    return 0;
  }
  if (command === "check") {
    const listed = await readShippedList().catch(() => ({}));
    const differences = listDifferences(listed, current);
    if (!differences.length) return 0;
    console.error(`The list of shipped notebooks (src/server/shipped-notebooks.json) is out of date:\n${differences.map((line) => `  ${line}`).join("\n")}\nRegenerate it with:\n  ${REGENERATE}`);
    return 1;
  }
  console.error("usage: tsx src/server/shipped-notebooks.ts write|check");
  return 2;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main(process.argv[2]);
