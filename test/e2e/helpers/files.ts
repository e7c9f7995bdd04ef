// Small notebooks written into the test server's root, in Kit's own format.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { toNotebook, type CellSpec } from "@observablehq/notebook-kit";
import { serializeNotebook } from "../../../src/notebook/format.ts";
import { nodeDom } from "../../../src/notebook/node-dom.ts";

export function writeNotebook(root: string, name: string, title: string, cells: CellSpec[]): string {
  const text = serializeNotebook(toNotebook({ title, cells }), nodeDom());
  writeFileSync(join(root, name), text);
  return text;
}

/** JavaScript cells from sources, ids 1, 2, …, pinned as Kit pins code. */
export function jsCells(...sources: string[]): CellSpec[] {
  return sources.map((value, index) => ({ id: index + 1, mode: "js", value }));
}
