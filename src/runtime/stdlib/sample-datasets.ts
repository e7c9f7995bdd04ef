// Kit's sample datasets (`penguins`, `aapl`, `cars`, …): Kit downloads them from a CDN; here they
// come from the installed @observablehq/sample-datasets package, through a reader each kernel
// gives (a file from node_modules headless, the server's /api/sample-datasets/ route in the page),
// and parse as Kit parses them: CSV with types inferred, miserables as JSON.
import type { NotebookFile } from "./file-attachment.ts";

/** builtin name → file of @observablehq/sample-datasets (the files its package.json exports) */
export const SAMPLE_DATASETS: Readonly<Record<string, string>> = {
  aapl: "aapl.csv",
  alphabet: "alphabet.csv",
  cars: "cars.csv",
  citywages: "citywages.csv",
  diamonds: "diamonds.csv",
  flare: "flare.csv",
  industries: "industries.csv",
  miserables: "miserables.json",
  olympians: "olympians.csv",
  penguins: "penguins.csv",
  pizza: "pizza.csv",
  weather: "weather.csv"
};

export const SAMPLE_DATASETS_PACKAGE = "@observablehq/sample-datasets";

/** Is `file` one of the package's datasets (the only files the route serves)? */
export function isSampleDatasetFile(file: string): boolean {
  return Object.values(SAMPLE_DATASETS).includes(file);
}

/**
 * The builtins, one per dataset. Without a reader (a static export, which carries no package
 * files), each says where the data would come from instead of "not defined".
 */
export function sampleDatasetBuiltins(open?: (file: string) => NotebookFile): Record<string, () => unknown> {
  return Object.fromEntries(
    Object.entries(SAMPLE_DATASETS).map(([name, file]) => [
      name,
      () => {
        if (!open) throw new Error(`${name} is one of Kit's sample datasets (from the package ${SAMPLE_DATASETS_PACKAGE}), which this page cannot reach: put ${file} beside the notebook and read it with FileAttachment("${file}")`);
        return file.endsWith(".json") ? open(file).json() : open(file).csv({ typed: true });
      }
    ])
  );
}
