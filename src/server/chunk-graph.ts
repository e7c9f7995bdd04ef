// Which files of the build a page needs: the chunks its entry imports, the chunks they import on
// demand, and the stylesheets, fonts and .wasm files those reference. Recorded while Vite builds
// (a plugin reads the module graph), so `exemplar build` can ship a static page with only what a
// notebook uses: an on-demand import of a package no cell reaches (danfojs, tfjs-vis, TypeScript…)
// is not followed, and what only it needed stays behind.
import type { Plugin } from "vite";

export interface ChunkGraph {
  /** chunk file → what loading it needs */
  [file: string]: {
    /** chunks it imports statically (they load with it) */
    imports: string[];
    /** chunks it may import on demand, with the package the imported module belongs to */
    dynamic: { file: string; package?: string }[];
    /** stylesheets, fonts, images and .wasm files it references */
    assets: string[];
  };
}

/** "…/node_modules/@scope/name/dist/x.js" → "@scope/name"; our own modules belong to no package. */
export function packageOfModule(id: string): string | undefined {
  const path = id.split("?")[0];
  const at = path.lastIndexOf("/node_modules/");
  if (at < 0) return undefined;
  return /^((?:@[^/]+\/)?[^/]+)/.exec(path.slice(at + "/node_modules/".length))?.[1];
}

type ViteMetadata = { importedCss: Set<string>; importedAssets: Set<string> };

/** A plugin that fills `graph` when the bundle is written. */
export function recordChunkGraph(graph: ChunkGraph): Plugin {
  // The stylesheets of every module's chunk, noted while chunks render: a chunk that is only a
  // stylesheet (an on-demand `import("x/index.css")`) is gone by the time the bundle is written.
  const stylesheetsOf = new Map<string, string[]>();
  return {
    name: "exemplar:chunk-graph",
    enforce: "post",
    renderChunk(_, chunk) {
      const css = [...((chunk as { viteMetadata?: ViteMetadata }).viteMetadata?.importedCss ?? [])];
      if (css.length) for (const id of chunk.moduleIds) stylesheetsOf.set(id, css);
      return null;
    },
    // Last, once Vite has removed the chunks that were only stylesheets.
    generateBundle: { order: "post", handler(_, bundle) {
      const chunkOf = new Map<string, string>();
      for (const output of Object.values(bundle)) if (output.type === "chunk") for (const id of output.moduleIds) chunkOf.set(id, output.fileName);
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        const dynamic = new Map<string, Set<string | undefined>>();
        for (const id of output.moduleIds) {
          for (const target of this.getModuleInfo(id)?.dynamicallyImportedIds ?? []) {
            for (const file of chunkOf.has(target) ? [chunkOf.get(target)!] : stylesheetsOf.get(target) ?? []) {
              if (file === output.fileName) continue;
              if (!dynamic.has(file)) dynamic.set(file, new Set());
              dynamic.get(file)!.add(packageOfModule(target));
            }
          }
        }
        const metadata = (output as { viteMetadata?: ViteMetadata }).viteMetadata;
        graph[output.fileName] = {
          imports: [...output.imports],
          // A chunk reached for our own code as well as for a package is always followed.
          dynamic: [...dynamic].map(([file, packages]) => (packages.has(undefined) || packages.size > 1 ? { file } : { file, package: [...packages][0] })),
          assets: [...(metadata?.importedCss ?? []), ...(metadata?.importedAssets ?? [])]
        };
      }
      // A stylesheet needs the fonts and images its url()s name (KaTeX's fonts, beside it in assets/).
      for (const output of Object.values(bundle)) {
        if (output.type !== "asset" || !output.fileName.endsWith(".css")) continue;
        const folder = output.fileName.slice(0, output.fileName.lastIndexOf("/") + 1);
        const urls = [...String(output.source).matchAll(/url\(\s*["']?\.\/([^"')?#]+)/g)].map((match) => folder + match[1]);
        graph[output.fileName] = { imports: [], dynamic: [], assets: [...new Set(urls)].filter((file) => file in bundle) };
      }
      // Links to chunks Vite removed after they were made (stylesheet-only ones) lead nowhere.
      for (const chunk of Object.values(graph)) {
        chunk.imports = chunk.imports.filter((file) => file in graph);
        chunk.dynamic = chunk.dynamic.filter((target) => target.file in graph);
      }
    } }
  };
}

/** Every file an entry chunk needs, leaving out on-demand imports of the `omitted` packages. */
export function filesNeeded(graph: ChunkGraph, entry: string, omitted: readonly string[]): Set<string> {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const chunk = graph[file];
    if (!chunk) return;
    chunk.assets.forEach(visit);
    chunk.imports.forEach(visit);
    for (const target of chunk.dynamic) if (!target.package || !omitted.includes(target.package)) visit(target.file);
  };
  visit(entry);
  return files;
}
