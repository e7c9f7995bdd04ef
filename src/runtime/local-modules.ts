// JavaScript modules beside a notebook (`import {Scrubber} from "./scrubber.js"`), loaded the same
// way in both kernels: the kernel reads a module's source, each of its imports is resolved as a
// cell's would be — another local module by the path rule, a package from the installed ones (also
// when written as Kit's CDN address, https://cdn.jsdelivr.net/npm/…), never fetched — and the
// rewritten source is imported from a URL the kernel makes (data: in Node, blob: in the page).
// A package reaches a module through a small shim over the namespace the kernel already loaded,
// so a module's `d3` or `@tensorflow/tfjs` is the very instance the cells get.
import { Parser, type Node as AcornNode } from "acorn";
import { resolveNotebookPath } from "../notebook/notebook-paths.ts";
import { full } from "acorn-walk";
import { CDN_NPM_PREFIX, npmSpecifierOf, withoutVersion } from "./specifiers.ts";

/** What a kernel gives the loader. Paths are relative to the root, "/"-separated. */
export interface LocalModuleHost {
  /** the module's source and version (the file API's sha-256 in the page) */
  read(path: string): Promise<{ source: string; version?: string }>;
  /** a package's namespace, as a cell's import gets it */
  importPackage(specifier: string): Promise<unknown>;
  /** an importable URL for a rewritten module (`name` is for stack traces) */
  moduleUrl(source: string, name: string): string;
  /** the address import.meta.url should read for the module at `path` */
  fileUrl(path: string): string;
  /** versions a module must still have (what the person trusted); a changed one is refused */
  pinned?: ReadonlyMap<string, string>;
  /** the root, as errors name it */
  root?: string;
}

export interface LocalModuleLoader {
  /** imports the module at `path` (root-relative), with its local imports, once per kernel */
  import(path: string): Promise<unknown>;
}

/**
 * The path rule for a notebook-named path: `specifier` relative to the file at `importer`, as a
 * root-relative path; a path that leaves the root (or is absolute) throws. One small function, so
 * that a resolver shared by the whole app can replace it.
 */
export function resolveLocalModule(importer: string, specifier: string, root?: string): string {
  return resolveNotebookPath(importer, specifier, root);
}

export function isLocalSpecifier(specifier: string): boolean {
  return /^\.{1,2}\//.test(specifier);
}

/** A module's import specifiers (static, re-exports, literal dynamic imports) with their string's place. */
export function moduleImportsOf(source: string): { specifier: string; start: number; end: number }[] {
  const found: { specifier: string; start: number; end: number }[] = [];
  const program = Parser.parse(source, { ecmaVersion: "latest", sourceType: "module" });
  full(program, (node: AcornNode & { source?: (AcornNode & { value?: unknown }) | null }) => {
    const types = ["ImportDeclaration", "ExportNamedDeclaration", "ExportAllDeclaration", "ImportExpression"];
    if (!types.includes(node.type) || !node.source || node.source.type !== "Literal" || typeof node.source.value !== "string") return;
    found.push({ specifier: node.source.value, start: node.source.start, end: node.source.end });
  });
  return found.sort((a, b) => a.start - b.start);
}

/** The installed package a module's import names: bare, npm:, or Kit's CDN address for it; undefined for a URL or node: builtin. */
export function packageSpecifierOf(specifier: string): string | undefined {
  if (specifier.startsWith(CDN_NPM_PREFIX)) return npmSpecifierOf(specifier);
  if (/^[a-z][\w+.-]*:/i.test(specifier) && !specifier.startsWith("npm:")) return undefined;
  return withoutVersion(specifier.replace(/^npm:/, ""));
}

export function createLocalModuleLoader(host: LocalModuleHost): LocalModuleLoader {
  const urls = new Map<string, Promise<string>>();
  const shims = new Map<string, Promise<string>>();

  const shimFor = (specifier: string): Promise<string> => {
    let url = shims.get(specifier);
    if (!url) shims.set(specifier, (url = host.importPackage(specifier).then((namespace) => host.moduleUrl(packageShim(namespace), specifier))));
    return url;
  };

  const urlOf = (path: string, chain: string[]): Promise<string> => {
    if (chain.includes(path)) return Promise.reject(new Error(`local modules import each other in a cycle: ${[...chain, path].join(" → ")}`));
    let url = urls.get(path);
    if (!url) {
      urls.set(path, (url = build(path, [...chain, path])));
      url.catch(() => urls.delete(path)); // a fixed file loads on the next run
    }
    return url;
  };

  const build = async (path: string, chain: string[]): Promise<string> => {
    const { source, version } = await host.read(path);
    const pinned = host.pinned?.get(path);
    if (pinned !== undefined && version !== pinned) {
      throw new Error(`${path} changed on disk since this notebook was trusted: reload the page to review it before it runs`);
    }
    let imports;
    try {
      imports = moduleImportsOf(source);
    } catch (error) {
      const where = (error as { loc?: { line: number; column: number } }).loc;
      throw new SyntaxError(`${path}${where ? ` ${where.line}:${where.column + 1}` : ""}: ${(error as Error).message.replace(/\s*\(\d+:\d+\)$/, "")}`);
    }
    const targets = await Promise.all(
      imports.map(async ({ specifier }) => {
        if (isLocalSpecifier(specifier)) return urlOf(resolveLocalModule(path, specifier, host.root), chain);
        const packaged = packageSpecifierOf(specifier);
        return packaged === undefined ? specifier : shimFor(packaged);
      })
    );
    let output = source;
    for (let i = imports.length - 1; i >= 0; i--) output = output.slice(0, imports[i].start) + JSON.stringify(targets[i]) + output.slice(imports[i].end);
    // import.meta.url is the module's own address, for `new URL("./data.csv", import.meta.url)`.
    output = output.replace(/\bimport\.meta\.url\b/g, JSON.stringify(host.fileUrl(path)));
    return host.moduleUrl(output, path);
  };

  return { import: async (path) => import(/* @vite-ignore */ await urlOf(path, [])) };
}

// Literal relative imports in a notebook's code cells (without compiling them: TypeScript cells
// included); one quoted in a string only adds a file to trust or copy.
const LOCAL_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*(["'])(\.\.?\/[^"'\n]+)\1/g;

export function localImportsOf(cells: { mode: string; value: string }[]): string[] {
  return cells.filter((cell) => cell.mode !== "md").flatMap((cell) => [...cell.value.matchAll(LOCAL_IMPORT)].map((match) => match[2]));
}

export interface LocalModuleFile {
  /** root-relative path */
  path: string;
  /** its version as `read` gave it; undefined when it could not be read */
  version?: string;
  /** the installed packages it imports */
  packages: string[];
}

/**
 * Every local module reachable from the imports of the file at `importer` (a notebook's cells'
 * literal imports), following each module's own literal imports; unreadable ones are listed
 * without a version. What trust covers and what an export copies.
 */
export async function localModuleGraph(importer: string, specifiers: string[], read: LocalModuleHost["read"]): Promise<LocalModuleFile[]> {
  const found = new Map<string, LocalModuleFile>();
  const visit = async (from: string, specifier: string): Promise<void> => {
    let path: string;
    try {
      path = resolveLocalModule(from, specifier);
    } catch {
      return; // refused when it is imported; nothing to trust or copy
    }
    if (found.has(path)) return;
    const entry: LocalModuleFile = { path, packages: [] };
    found.set(path, entry);
    let imports: string[] = [];
    try {
      const { source, version } = await read(path);
      entry.version = version ?? "";
      imports = moduleImportsOf(source).map((each) => each.specifier);
    } catch {
      return;
    }
    entry.packages = imports.filter((each) => !isLocalSpecifier(each)).flatMap((each) => packageSpecifierOf(each) ?? []);
    await Promise.all(imports.filter(isLocalSpecifier).map((each) => visit(path, each)));
  };
  await Promise.all(specifiers.filter(isLocalSpecifier).map((each) => visit(importer, each)));
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

const REGISTRY = Symbol.for("exemplar.package-namespaces");
type Registry = Map<number, unknown>;
let shimCount = 0;

/** A module re-exporting a loaded namespace: its names as constants, and its default (or the namespace). */
function packageShim(namespace: unknown): string {
  const registry = ((globalThis as Record<symbol, Registry>)[REGISTRY] ??= new Map());
  const id = ++shimCount;
  registry.set(id, namespace);
  const names = Object.keys(namespace as object).filter((name) => name !== "default" && /^[A-Za-z_$][\w$]*$/.test(name));
  const get = `globalThis[Symbol.for(${JSON.stringify(REGISTRY.description)})].get(${id})`;
  // No local name of its own: the package may export any name.
  return `export const {${names.join(", ")}} = ${get};\nexport default ${get}.default ?? ${get};\n`;
}
