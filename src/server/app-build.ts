// The built app: the page (src/app) and the static export's page (src/export/site), bundled and
// minified by Vite once, at install time (`npm install` runs `prepare`), and again only when their
// sources change: each build lives in a folder named by a hash of its sources, so `npm start` and
// `exemplar build` find it at once and never run a bundler on the way.
//   <cache>/<hash>/app/index.html     the notebook app, with the import map of shared packages
//   <cache>/<hash>/export/site/…      the page of a static export
//   <cache>/<hash>/assets/…           every chunk, stylesheet, font and .wasm of both
//   <cache>/<hash>/build.json         written last: the build is complete (see BuildInfo)
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { recordChunkGraph, type ChunkGraph } from "./chunk-graph.ts";
import { SHARED_PACKAGES } from "./shared-packages.ts";
import { isRunning } from "./atomic-write.ts";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const BUILD_INFO = "build.json";
/** builds kept besides the newest: another checkout sharing node_modules may be serving one */
const KEPT_BUILDS = 3;

export interface BuildInfo {
  hash: string;
  /** the import map's targets: package name → asset path under the build folder */
  shared: Record<string, string>;
  /** the page of a static export: its HTML and its entry chunk */
  site: { html: string; entry: string };
  /** what each chunk needs (chunk-graph.ts) */
  graph: ChunkGraph;
  built: string;
  ms: number;
}

export interface AppBuild {
  dir: string;
  info: BuildInfo;
}

/** Where builds are cached: beside the installed packages, so a fresh clone or install starts clean. */
export function buildCacheFolder(): string {
  return process.env.EXEMPLAR_BUILD_CACHE ?? join(projectRoot, "node_modules/.cache/exemplar/app");
}

/** The files a build is made from: the page's sources, the build's own configuration, the lockfile. */
const SOURCES = ["src", "kernels/browser", "vite.config.ts", "package.json", "package-lock.json"];
/** The server is not part of the page, except the pieces that shape its build. */
const NOT_BUNDLED = /^src\/server\/(?!(app-build|chunk-graph|shared-packages|page-modules)\.ts$)/;

/** A hash of every source file's path and bytes: equal hashes, equal builds. */
export async function sourceHash(root = projectRoot): Promise<string> {
  const hash = createHash("sha256");
  const files: string[] = [];
  for (const source of SOURCES) {
    const path = join(root, source);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) files.push(relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"));
      }
    } else if (info?.isFile()) files.push(source);
  }
  for (const file of files.filter((file) => !NOT_BUNDLED.test(file)).sort()) {
    hash.update(`${file}\0`).update(await readFile(join(root, file))).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** The finished build for the sources as they are, or undefined when there is none yet. */
export async function findAppBuild(hash?: string): Promise<AppBuild | undefined> {
  const dir = join(buildCacheFolder(), hash ?? (await sourceHash()));
  try {
    return { dir, info: JSON.parse(await readFile(join(dir, BUILD_INFO), "utf8")) as BuildInfo };
  } catch {
    return undefined;
  }
}

/** The build for the sources as they are, made now if there is none (it prints what it does). */
export async function ensureAppBuild({ log = (line: string) => console.error(line) } = {}): Promise<AppBuild> {
  const hash = await sourceHash();
  const found = await findAppBuild(hash);
  if (found) return found;
  log("exemplar: building the app (the first start after an install or a change to its sources)…");
  const build = await buildApp(hash);
  log(`exemplar: built the app in ${(build.info.ms / 1000).toFixed(1)} s`);
  return build;
}

/** Builds into a temporary folder, then renames it into place: a build is there whole or not at all. */
export async function buildApp(hash: string): Promise<AppBuild> {
  const started = performance.now();
  const cache = buildCacheFolder();
  const dir = join(cache, hash);
  const temporary = `${dir}.building-${process.pid}`;
  await mkdir(cache, { recursive: true });
  await rm(temporary, { recursive: true, force: true });
  try {
    const { build } = await import("vite");
    const shared = sharedEntries();
    const graph: ChunkGraph = {};
    await build({
      configFile: join(projectRoot, "vite.config.ts"),
      root: join(projectRoot, "src"),
      // Relative addresses: the app is served at /, the export's page from any folder of any host.
      base: "./",
      logLevel: "warn",
      plugins: [shared.plugin, recordChunkGraph(graph)],
      build: {
        outDir: temporary,
        emptyOutDir: true,
        manifest: true,
        reportCompressedSize: false,
        chunkSizeWarningLimit: 1 << 20,
        rolldownOptions: {
          input: { app: join(projectRoot, "src/app/index.html"), site: join(projectRoot, "src/export/site/index.html"), ...shared.input },
          // The shared packages' entries keep their exports: the import map points package bundles at them.
          preserveEntrySignatures: "exports-only",
          // A shared package without a default export gets the namespace as its default; that is meant.
          onLog(level, log, handler) {
            if (log.code === "IMPORT_IS_UNDEFINED" && `${log.id ?? ""}${log.message}`.includes("exemplar-shared:")) return;
            handler(level, log);
          },
          // Mangled, not compressed: compression has broken tfjs's threaded wasm workers, which it
          // starts from a function's source text.
          output: { minify: { compress: false, mangle: true }, chunkFileNames: (chunk) => `assets/${chunkName(chunk)}-[hash].js` }
        }
      }
    });
    const info = await describeBuild(temporary, hash, graph, performance.now() - started);
    await addImportMap(join(temporary, "app/index.html"), info.shared);
    await writeFile(join(temporary, BUILD_INFO), JSON.stringify(info, null, 2));
    try {
      await rename(temporary, dir);
    } catch (error) {
      // Another process finished the same build first: theirs is as good as ours, and is the one there.
      const theirs = await findAppBuild(hash);
      if (!theirs) throw error;
      return theirs;
    }
    await pruneOldBuilds(cache, hash);
    return { dir, info };
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

const SHARED_PREFIX = "\0exemplar-shared:";

/** One entry per shared package, a module re-exporting it, named shared-<package>. */
function sharedEntries(): { input: Record<string, string>; plugin: Plugin } {
  const input = Object.fromEntries(SHARED_PACKAGES.map((name) => [sharedEntryName(name), SHARED_PREFIX + name]));
  return {
    input,
    plugin: {
      name: "exemplar:shared-packages",
      resolveId: (id) => (id.startsWith(SHARED_PREFIX) ? id : undefined),
      load(id) {
        if (!id.startsWith(SHARED_PREFIX)) return;
        const name = JSON.stringify(id.slice(SHARED_PREFIX.length));
        // A default export when the package has one (CommonJS packages: the module itself).
        return `import * as namespace from ${name};\nexport * from ${name};\nexport default "default" in namespace ? namespace["default"] : namespace;\n`;
      }
    }
  };
}

/** A chunk made of one package's modules is named after the package (`tensorflow-tfjs-core-….js`). */
function chunkName(chunk: { name: string; facadeModuleId?: string | null; moduleIds: readonly string[] }): string {
  const first = chunk.facadeModuleId ?? chunk.moduleIds.find((id) => id.includes("/node_modules/")) ?? "";
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(first.split("/node_modules/").length > 2 ? `/node_modules/${first.split("/node_modules/").pop()}` : first);
  return match ? match[1].replace(/^@/, "").replace(/\//g, "-") : chunk.name;
}

function sharedEntryName(name: string): string {
  return `shared-${name.replace(/^@/, "").replace(/\//g, "-")}`;
}

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
}

async function describeBuild(dir: string, hash: string, graph: ChunkGraph, ms: number): Promise<BuildInfo> {
  const manifest = JSON.parse(await readFile(join(dir, ".vite/manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const shared: Record<string, string> = {};
  for (const chunk of Object.values(manifest)) {
    const name = SHARED_PACKAGES.find((pkg) => chunk.isEntry && chunk.name === sharedEntryName(pkg));
    if (name) shared[name] = chunk.file;
  }
  const missing = SHARED_PACKAGES.filter((name) => !shared[name]);
  if (missing.length) throw new Error(`the build has no entry for the shared packages ${missing.join(", ")}`);
  const site = manifest["export/site/index.html"];
  if (!site) throw new Error("the build has no page for static exports (export/site/index.html)");
  return { hash, shared, site: { html: "export/site/index.html", entry: site.file }, graph, built: new Date().toISOString(), ms: Math.round(ms) };
}

/** Puts the import map first in the page's head: it must precede every module script. */
async function addImportMap(html: string, shared: Record<string, string>): Promise<void> {
  const imports = Object.fromEntries(Object.entries(shared).map(([name, file]) => [name, `/${file}`]));
  const script = `<script type="importmap">${JSON.stringify({ imports })}</script>`;
  const text = await readFile(html, "utf8");
  if (!/<head>/i.test(text)) throw new Error(`${html} has no <head> to put the import map in`);
  await writeFile(html, text.replace(/<head>/i, (head) => `${head}\n    ${script}`));
}

async function pruneOldBuilds(cache: string, keep: string): Promise<void> {
  const entries = await readdir(cache, { withFileTypes: true });
  // Half-made builds of processes that died (a killed install) are of no use to anyone.
  for (const entry of entries) {
    const pid = Number(/\.building-(\d+)$/.exec(entry.name)?.[1]);
    if (pid && !isRunning(pid)) await rm(join(cache, entry.name), { recursive: true, force: true });
  }
  const builds = await Promise.all(
    entries.filter((entry) => entry.isDirectory() && entry.name !== keep && !entry.name.includes(".building-")).map(async (entry) => ({ path: join(cache, entry.name), mtime: (await stat(join(cache, entry.name))).mtimeMs }))
  );
  builds.sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(KEPT_BUILDS - 1)) await rm(old.path, { recursive: true, force: true });
}

// `npm install` runs this (the package's `prepare` script): the app is built before the first start.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const build = await ensureAppBuild({ log: (line) => console.log(line) });
  console.log(`exemplar: the app is built (${relative(process.cwd(), build.dir) || "."}); ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
