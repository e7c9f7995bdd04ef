// The import graph of src/ and kernels/: every static, dynamic and type-only import between the
// project's own TypeScript files, read with TypeScript's pre-processor (no type checking, so it is
// fast), and the questions the dependency rules ask of it: edges between folders, cycles, and
// edges that point up the layers.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

export interface ImportEdge {
  from: string;
  to: string;
  /** `import type …` / `export type … from` (still an edge: a cycle of types is still a cycle) */
  typeOnly: boolean;
}

export interface ImportGraph {
  files: string[];
  edges: ImportEdge[];
  /** lines per file */
  lines: Map<string, number>;
}

/** Reads every .ts file under `folders` (relative to `root`); paths in the graph are relative to `root`, "/"-separated. */
export function readImportGraph(root: string, folders: string[]): ImportGraph {
  const files = folders.flatMap((folder) => tsFilesUnder(join(root, folder))).map((file) => toKey(root, file));
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  const lines = new Map<string, number>();
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    lines.set(file, text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
    const typeOnly = typeOnlySpecifiers(text);
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const target = toKey(root, resolve(root, dirname(file), fileName));
      if (known.has(target)) edges.push({ from: file, to: target, typeOnly: typeOnly.has(fileName) });
    }
  }
  return { files, edges, lines };
}

/** Specifiers this file imports only as types (`import type`, `export type … from`). */
function typeOnlySpecifiers(text: string): Set<string> {
  const found = new Set<string>();
  const valued = new Set<string>();
  const source = ts.createSourceFile("file.ts", text, ts.ScriptTarget.Latest, false);
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(statement) ? !!statement.importClause?.isTypeOnly : statement.isTypeOnly;
      (typeOnly ? found : valued).add(statement.moduleSpecifier.text);
    }
  }
  // Anything also imported for a value (statically or with import()) is a value edge.
  for (const match of text.matchAll(/import\(\s*["']([^"']+)["']/g)) valued.add(match[1]);
  for (const specifier of valued) found.delete(specifier);
  return found;
}

function tsFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

function toKey(root: string, file: string): string {
  return relative(root, file).split("\\").join("/");
}

/** The folder a file belongs to for the rules: "src/teach", "kernels/browser", … */
export function folderOf(file: string): string {
  return file.split("/").slice(0, 2).join("/");
}

/** Edges from files in `from` to files in `to` (folders as folderOf gives them). */
export function edgesBetween(graph: ImportGraph, from: string, to: string): ImportEdge[] {
  return graph.edges.filter((edge) => folderOf(edge.from) === from && folderOf(edge.to) === to);
}

/** Every import cycle, each as the files around it (strongly connected components of two or more files, or a file importing itself). */
export function importCycles(graph: ImportGraph): string[][] {
  const next = new Map<string, string[]>(graph.files.map((file) => [file, []]));
  for (const edge of graph.edges) next.get(edge.from)!.push(edge.to);
  // Tarjan's algorithm, iterative so a long chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  for (const start of graph.files) {
    if (index.has(start)) continue;
    const work: { file: string; child: number }[] = [{ file: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const children = next.get(frame.file)!;
      if (frame.child < children.length) {
        const child = children[frame.child++];
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ file: child, child: 0 });
        } else if (onStack.has(child)) low.set(frame.file, Math.min(low.get(frame.file)!, index.get(child)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].file;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.file)!));
      }
      if (low.get(frame.file) !== index.get(frame.file)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.file);
      if (component.length > 1 || children.includes(frame.file)) cycles.push(component.sort());
    }
  }
  return cycles;
}

/**
 * The layers, lowest first: the core (notebook format, runtime, teaching kit) ← views (widgets,
 * editor) ← pages and the server (app, export, server) ← kernels, the composition roots.
 */
export const LAYERS: Record<string, number> = {
  "src/notebook": 0,
  "src/runtime": 0,
  "src/teach": 0,
  "src/types": 0,
  "src/widgets": 1,
  "src/editor": 1,
  "src/app": 2,
  "src/export": 2,
  "src/server": 2,
  "kernels/browser": 3,
  "kernels/node": 3
};

/** Edges that point up the layers (a lower folder importing a higher one). */
export function backEdges(graph: ImportGraph): ImportEdge[] {
  return graph.edges.filter((edge) => (LAYERS[folderOf(edge.from)] ?? 0) < (LAYERS[folderOf(edge.to)] ?? 0));
}
