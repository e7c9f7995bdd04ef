// What an exported notebook needs besides the kernel: the data files its cells name (literally, in
// FileAttachment("…")), and which of the packages loaded on demand (danfojs, tfjs-vis, Inputs, …)
// any cell can reach, through a builtin name or an import. The static page is built with only
// those, and TypeScript (Kit's compiler for TypeScript cells) only when a cell is TypeScript.
import type { Cell } from "@observablehq/notebook-kit";
import { compileCell, IMPORT_LOADER } from "../runtime/compile.ts";
import { SAMPLE_DATASETS } from "../runtime/stdlib/sample-datasets.ts";

/** The builtins that load a package on first use, and their packages (see library.ts, builtins.ts). */
const BUILTIN_PACKAGES: Record<string, string> = {
  dfd: "danfojs",
  tfvis: "@tensorflow/tfjs-vis",
  Inputs: "@observablehq/inputs",
  Plot: "@observablehq/plot",
  d3: "d3",
  htl: "htl",
  svg: "htl",
  _: "lodash",
  topojson: "topojson-client",
  Arrow: "apache-arrow",
  DuckDBClient: "@duckdb/duckdb-wasm"
};

/** A teach.widgets chart named in a cell (specs.ts makes these; the page draws them with tfjs-vis). */
const CHART_SPEC = /\bwidgets\s*\.\s*(?:curves|confusion|perClass|residuals)\b|\bwidgets\b(?!\s*\.)/;

/** Packages a static export leaves out when no cell can reach them. */
export const OPTIONAL_PACKAGES = [...new Set([...Object.values(BUILTIN_PACKAGES), "hyparquet"])];

export interface NotebookNeeds {
  /** data file names as cells write them, e.g. "penguins.csv" */
  files: string[];
  /** the optional packages some cell can reach */
  packages: string[];
  /** whether a cell is TypeScript (the page then needs TypeScript to compile it) */
  typescript: boolean;
  /** files of Kit's sample datasets some cell names ("penguins.csv") */
  sampleDatasets: string[];
}

export function notebookNeeds(cells: Cell[]): NotebookNeeds {
  const files = new Set<string>();
  const packages = new Set<string>();
  const sampleDatasets = new Set<string>();
  let typescript = false;
  for (const cell of cells) {
    if (cell.mode === "ts") typescript = true;
    const compiled = compileCell(cell);
    if (!compiled.ok) continue;
    for (const name of compiled.cell.files) files.add(name);
    for (const input of compiled.cell.inputs) if (BUILTIN_PACKAGES[input]) packages.add(BUILTIN_PACKAGES[input]);
    for (const input of compiled.cell.inputs) if (Object.hasOwn(SAMPLE_DATASETS, input)) sampleDatasets.add(SAMPLE_DATASETS[input]);
    // teach.widgets' charts (curves, confusion, …) are drawn in the page with tfjs-vis (src/widgets/chart.ts).
    if (compiled.cell.inputs.includes("teach") && CHART_SPEC.test(compiled.cell.body)) packages.add("@tensorflow/tfjs-vis");
    // A SQL cell shows its rows in Inputs.table; Parquet is read by DuckDB, its file by hyparquet.
    if (cell.mode === "sql" && !cell.hidden) packages.add("@observablehq/inputs");
    if (/\.parquet\s*\(/.test(compiled.cell.body)) packages.add("@duckdb/duckdb-wasm");
    for (const specifier of importedSpecifiers(compiled.cell.body)) {
      // An import computed at run time could be any package: keep them all.
      if (specifier === undefined) OPTIONAL_PACKAGES.forEach((name) => packages.add(name));
      else if (OPTIONAL_PACKAGES.includes(packageOf(specifier))) packages.add(packageOf(specifier));
    }
  }
  if (packages.has("@duckdb/duckdb-wasm")) packages.add("hyparquet");
  return { files: [...files], packages: OPTIONAL_PACKAGES.filter((name) => packages.has(name)), typescript, sampleDatasets: [...sampleDatasets].sort() };
}

/** The specifiers a compiled body imports; undefined for one that is not a string literal. */
function importedSpecifiers(body: string): (string | undefined)[] {
  const calls = body.split(`${IMPORT_LOADER}(`).slice(1);
  return calls.map((rest) => {
    const literal = /^\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\)/.exec(rest)?.[1];
    if (!literal) return undefined;
    return literal.startsWith('"') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
  });
}

/** "npm:@scope/name@1/sub" → "@scope/name" */
export function packageOf(specifier: string): string {
  const parts = specifier.replace(/^npm:/, "").split("/");
  const name = parts[0].startsWith("@") ? `${parts[0]}/${parts[1] ?? ""}` : parts[0];
  const at = name.indexOf("@", 1);
  return at > 0 ? name.slice(0, at) : name;
}
