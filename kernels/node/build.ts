// exemplar build FILE -o DIR: a static site that shows the notebook read-only from any static file
// host. The notebook runs headless first (on wasm, the page's backend, so the cache keys match)
// to fill its training cache; the page comes from the app's build with only what its cells use;
// then the notebook, the local modules it imports, the data files its cells name, the SQL results
// and loader outputs and the trained weights it used are copied beside it. The folder is checked
// before anything runs, and only files an export wrote are ever replaced (export-folder.ts).
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { resolveNotebookPath } from "../../src/notebook/notebook-paths.ts";
import { diskFiles, type DiskFiles } from "./files.ts";
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import { CACHE, cacheKey, FILES, MANIFEST, NOTEBOOK, SAMPLE_DATASETS_FOLDER, type ExportManifest } from "../../src/export/manifest.ts";
import { sampleDatasetPath } from "../../src/server/sample-datasets.ts";
import { notebookNeeds, OPTIONAL_PACKAGES, packageOf } from "../../src/export/notebook-needs.ts";
import { localImportsOf, localModuleGraph } from "../../src/runtime/local-modules.ts";
import { ensureAppBuild } from "../../src/server/app-build.ts";
import { checkExportFolder, ExportFolderError, openExportFolder } from "./export-folder.ts";
import { writeExportPage } from "./export-page.ts";
import type { NotebookResult } from "./run.ts";
import { runNotebookIsolated } from "./watchdog.ts";

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
  ms: { run: number; page: number; total: number };
}

export async function buildNotebookSite(file: string, { out, timeoutMs = 120_000 }: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { notebook } = await readNotebookFile(file);
  const target = resolve(out);
  const earlier = await checkExportFolder(target).catch((error: unknown) => {
    throw error instanceof ExportFolderError ? new BuildError(error.message) : error;
  });
  const folder = dirname(resolve(file));
  const needs = notebookNeeds(notebook.cells);
  const disk = diskFiles(folder);
  const { files, skipped } = await dataFiles(disk, basename(file), needs.files);
  // Modules beside the notebook travel with it; the packages they import are bundled as a cell's would be.
  const modules = await localModuleGraph(basename(file), localImportsOf(notebook.cells), async (path) => ({ source: await readFile(await disk.realPath(path), "utf8") }));
  for (const module of modules) {
    if (module.version === undefined) skipped.push(`import "./${module.path}": no file ${relative(process.cwd(), join(folder, module.path))}`);
    else if (!files.some((data) => data.path === module.path)) files.push({ path: module.path, real: await disk.realPath(module.path) });
    for (const name of module.packages.map(packageOf)) if (OPTIONAL_PACKAGES.includes(name) && !needs.packages.includes(name)) needs.packages.push(name);
  }

  // The run reuses and fills the notebook's own cache; the entries it touched are the export's.
  const cacheFolder = join(folder, ".exemplar/cache");
  const run = await runNotebookIsolated(file, { timeoutMs, backends: ["wasm"], cache: true, recordForExport: true });
  const trainings = run.trainings;
  // SQL results and loader outputs travel with the export, as Kit's build bakes them in.
  const cached: Record<string, string> = {};
  for (const { path, request } of run.cacheFiles) {
    cached[cacheKey(request)] = path;
    if (!files.some((data) => data.path === path)) files.push({ path, real: await disk.realPath(path) });
  }
  const ran = performance.now();

  const writer = await openExportFolder(target, earlier);
  const manifest: ExportManifest = { format: "exemplar-export/1", source: basename(file), title: notebook.title, files: files.map((data) => data.path), trainings, cached, built: new Date().toISOString(), written: [] };
  let omitted: string[];
  try {
    omitted = await writeExportPage(writer, needs, await ensureAppBuild());
    await writer.copy(NOTEBOOK, file);
    for (const data of files) await writer.copy(FILES + data.path, data.real);
    for (const dataset of needs.sampleDatasets) await writer.copy(SAMPLE_DATASETS_FOLDER + dataset, sampleDatasetPath(dataset));
    for (const key of trainings) for (const part of [`${key}.json`, `${key}.bin`]) await writer.copy(CACHE + part, join(cacheFolder, part));
  } finally {
    // Written even when a copy failed: the next build may then replace what this one wrote.
    manifest.written = [...writer.written, MANIFEST];
    await writer.write(MANIFEST, JSON.stringify(manifest, null, 2));
  }
  const copied = performance.now();
  return {
    out: target,
    manifest,
    omitted,
    skipped,
    run,
    bytes: await folderSize(target),
    ms: { run: Math.round(ran - started), page: Math.round(copied - ran), total: Math.round(performance.now() - started) }
  };
}

/**
 * The data files cells name, each found by its real path: a name that leaves the notebook's
 * folder, or a symbolic link that leads out of it, is skipped with the reason.
 */
async function dataFiles(disk: DiskFiles, notebook: string, names: string[]): Promise<{ files: { path: string; real: string }[]; skipped: string[] }> {
  const files: { path: string; real: string }[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    let path: string;
    let real: string;
    try {
      path = resolveNotebookPath(notebook, name, disk.root);
      real = await disk.realPath(path);
    } catch (error) {
      skipped.push(`FileAttachment("${name}"): ${(error as Error).message}`);
      continue;
    }
    const found = await stat(real).catch(() => undefined);
    if (found?.isFile()) files.push({ path, real });
    else skipped.push(`FileAttachment("${name}"): no file ${relative(process.cwd(), real)}`);
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
  console.log(`Built ${positionals[0]} into ${where}/ in ${(ms.total / 1000).toFixed(1)} s (headless run ${(ms.run / 1000).toFixed(1)} s, page ${(ms.page / 1000).toFixed(1)} s): ${megabytes(result.bytes)}`);
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
