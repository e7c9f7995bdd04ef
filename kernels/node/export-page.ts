// The page of a static export, taken from the app's build (src/server/app-build.ts): its HTML with
// addresses relative to the export's own folder, and only the files the notebook can reach. An
// on-demand import of a package no cell uses (danfojs, tfjs-vis, Inputs, …), and of TypeScript
// when no cell is TypeScript, is not followed (src/server/chunk-graph.ts), so those chunks and
// whatever only they needed stay behind.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { OPTIONAL_PACKAGES, type NotebookNeeds } from "../../src/export/notebook-needs.ts";
import type { AppBuild } from "../../src/server/app-build.ts";
import { filesNeeded } from "../../src/server/chunk-graph.ts";
import type { ExportWriter } from "./export-folder.ts";

/** Writes index.html and assets/ through `writer`; returns the packages left out. */
export async function writeExportPage(writer: ExportWriter, needs: NotebookNeeds, build: AppBuild): Promise<string[]> {
  const omitted = OPTIONAL_PACKAGES.filter((name) => !needs.packages.includes(name));
  if (!needs.typescript) omitted.push("typescript");
  const { html, entry } = build.info.site;
  // The built page sits two folders down in the build (export/site/); in the export it is at the top.
  const page = (await readFile(join(build.dir, html), "utf8")).replaceAll('"../../assets/', '"./assets/');
  await writer.write("index.html", page);
  for (const file of [...filesNeeded(build.info.graph, entry, omitted)].sort()) await writer.copy(file, join(build.dir, file));
  return omitted;
}
