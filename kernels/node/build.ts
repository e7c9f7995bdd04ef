// exemplar build FILE -o DIR: a static site that shows the notebook read-only from any static file
// host. The notebook runs headless first (on wasm, the page's backend, so the cache keys match)
// to fill its training cache; the page is bundled with only the packages its cells use; then the
// notebook, the data files its cells name and the trained weights it used are copied beside it.
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { resolveNotebookPath } from "../browser/paths.ts";
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import { CACHE, cacheKey, FILES, MANIFEST, NOTEBOOK, type ExportManifest } from "../../src/export/manifest.ts";
import { notebookNeeds, OPTIONAL_PACKAGES, packageOf } from "../../src/export/notebook-needs.ts";
import { localImportsOf, localModuleGraph } from "../../src/runtime/local-modules.ts";
import type { TrainingCache } from "../../src/teach/cache-entry.ts";
import { folderCache } from "../../src/teach/cache-folder.ts";
import { runNotebookFile, type NotebookResult } from "./run.ts";
import { bundleStaticPage } from "./static-bundle.ts";

export class BuildError extends Error {}

export interface BuildOptions {
  out: string;
  /** limit for the headless run that fills the training cache; default 120 s */
  timeoutMs?: number;
}

export interface BuildResult {
  out: string;
  manifest: ExportManifest;
  /** packages loaded on demand that no cell uses, left out of the page */
  omitted: string[];
  /** data files named by cells but not exported, and why */
  skipped: string[];
  run: NotebookResult;
  /** bytes written, in all */
  bytes: number;
  ms: { run: number; bundle: number; total: number };
}

export async function buildNotebookSite(file: string, { out, timeoutMs = 120_000 }: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { notebook } = await readNotebookFile(file);
  const target = resolve(out);
  await checkOutputFolder(target);
  const folder = dirname(resolve(file));
  const needs = notebookNeeds(notebook.cells);
  const { files, skipped } = await dataFiles(folder, basename(file), needs.files);
  // Modules beside the notebook travel with it; the packages they import are bundled as a cell's would be.
  const modules = await localModuleGraph(basename(file), localImportsOf(notebook.cells), async (path) => ({ source: await readFile(join(folder, path), "utf8") }));
  for (const module of modules) {
    if (module.version === undefined) skipped.push(`import "./${module.path}": no file ${relative(process.cwd(), join(folder, module.path))}`);
    else if (!files.includes(module.path)) files.push(module.path);
    for (const name of module.packages.map(packageOf)) if (OPTIONAL_PACKAGES.includes(name) && !needs.packages.includes(name)) needs.packages.push(name);
  }

  // The run reuses and fills the notebook's own cache; the entries it touched are the export's.
  const cacheFolder = join(folder, ".exemplar/cache");
  const trainings = new Set<string>();
  // SQL results and loader outputs travel with the export, as Kit's build bakes them in.
  const cached: Record<string, string> = {};
  const run = await runNotebookFile(file, {
    timeoutMs,
    backends: ["wasm"],
    cache: recording(folderCache(cacheFolder), trainings),
    onCacheFile: (path, request) => {
      cached[cacheKey(request)] = path;
      if (!files.includes(path)) files.push(path);
    }
  });
  const ran = performance.now();

  const omitted = await bundleStaticPage(target, needs);
  const bundled = performance.now();

  await copyFile(file, join(target, NOTEBOOK));
  for (const path of files) {
    await mkdir(dirname(join(target, FILES, path)), { recursive: true });
    await copyFile(join(folder, path), join(target, FILES, path));
  }
  await mkdir(join(target, CACHE), { recursive: true });
  for (const key of trainings) for (const part of [`${key}.json`, `${key}.bin`]) await copyFile(join(cacheFolder, part), join(target, CACHE, part));
  const manifest: ExportManifest = { source: basename(file), title: notebook.title, files, trainings: [...trainings], cached, built: new Date().toISOString() };
  await writeFile(join(target, MANIFEST), JSON.stringify(manifest, null, 2));
  return {
    out: target,
    manifest,
    omitted,
    skipped,
    run,
    bytes: await folderSize(target),
    ms: { run: Math.round(ran - started), bundle: Math.round(bundled - ran), total: Math.round(performance.now() - started) }
  };
}

/** A cache that notes every key it served or stored. */
function recording(cache: TrainingCache, keys: Set<string>): TrainingCache {
  return {
    async get(key) {
      const entry = await cache.get(key);
      if (entry) keys.add(key);
      return entry;
    },
    async set(key, entry) {
      await cache.set(key, entry);
      keys.add(key);
    }
  };
}

/** An output folder is new, empty, or an earlier export (which is replaced); anything else is refused. */
async function checkOutputFolder(target: string): Promise<void> {
  const entries: string[] = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    if (error.code === "ENOTDIR") throw new BuildError(`${target} is a file, not a folder`);
    throw error;
  });
  if (entries.length && !entries.includes(MANIFEST)) {
    throw new BuildError(`${target} is not empty and holds no earlier export (no ${MANIFEST}): choose a new or empty folder`);
  }
}

/** The data files cells name, as paths under the notebook's folder; names that leave it are skipped. */
async function dataFiles(folder: string, notebook: string, names: string[]): Promise<{ files: string[]; skipped: string[] }> {
  const files: string[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    let path: string;
    try {
      path = resolveNotebookPath(notebook, name);
    } catch (error) {
      skipped.push(`FileAttachment("${name}"): ${(error as Error).message}`);
      continue;
    }
    const found = await stat(join(folder, path)).catch(() => undefined);
    if (found?.isFile()) files.push(path);
    else skipped.push(`FileAttachment("${name}"): no file ${relative(process.cwd(), join(folder, path))}`);
  }
  return { files, skipped };
}

async function folderSize(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** The `build` command: parses its arguments, builds, prints what it wrote and how to serve it. */
export async function build(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: "string", short: "o" }, timeout: { type: "string" } } });
  if (positionals.length !== 1) throw new BuildError("build takes exactly one notebook file");
  if (!values.out) throw new BuildError("build needs an output folder: -o DIR");
  const timeout = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!(timeout > 0)) throw new BuildError(`--timeout must be a positive number of seconds, got "${values.timeout}"`);
  const result = await buildNotebookSite(positionals[0], { out: values.out, timeoutMs: timeout * 1000 });
  const { manifest, ms } = result;
  const nearby = relative(process.cwd(), result.out);
  const where = nearby.startsWith("..") ? result.out : nearby || ".";
  console.log(`Built ${positionals[0]} into ${where}/ in ${(ms.total / 1000).toFixed(1)} s (headless run ${(ms.run / 1000).toFixed(1)} s, page ${(ms.bundle / 1000).toFixed(1)} s): ${megabytes(result.bytes)}`);
  console.log(`  ${manifest.files.length} data file(s)${manifest.files.length ? `: ${manifest.files.join(", ")}` : ""}; ${manifest.trainings.length} trained model(s) cached, so readers need not retrain`);
  if (result.omitted.length) console.log(`  left out (no cell uses them): ${result.omitted.join(", ")}`);
  for (const note of result.skipped) console.error(`  not exported: ${note}`);
  for (const cell of result.run.cells) {
    if (cell.status === "rejected" || cell.status === "pending") console.error(`  ${positionals[0]}: cell ${cell.id} ${cell.status === "pending" ? "did not finish before the time limit" : `failed: ${cell.error?.message}`}`);
  }
  console.log(`Serve ${where}/ over HTTP from any static host, e.g.  python3 -m http.server --directory ${where}
Opening ${where}/index.html as a file does not work: browsers refuse module scripts and WebAssembly from file://.`);
  return result.run.ok ? 0 : 1;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
