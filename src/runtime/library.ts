// The builtins every cell sees, shared by all kernels. What differs by kernel (how tfjs picks its
// backend, where files come from, DOM helpers) comes in through `LibraryEnvironment`, and so does
// the teaching kit: the kernels compose it, the runtime only makes it run-scoped (cell-runs.ts).
// Everything is loaded lazily from installed packages: a notebook that never names `dfd` never
// loads danfojs, and nothing is fetched from a CDN.
import type * as tfType from "@tensorflow/tfjs";
import { Generators, now } from "./stdlib/generators.ts";
import { Mutable } from "./stdlib/mutable.ts";
import type { NotebookFile } from "./stdlib/file-attachment.ts";
import { sampleDatasetBuiltins } from "./stdlib/sample-datasets.ts";
import { runScoped, type RunOwner } from "./cell-runs.ts";

export interface LibraryEnvironment {
  /** loads tfjs with the notebook's backend already chosen (before any tensor exists) */
  loadTensorflow: () => Promise<typeof tfType>;
  FileAttachment: (name: string) => NotebookFile;
  /**
   * loads the teaching kit (`teach`), as a maker of one kit per cell run: what a run's kit builds
   * (models, trainings) it hands to that run's owner, which releases it when the run is invalidated
   */
  teach?: () => Promise<(owner: RunOwner) => object>;
  /** the kernel's loader for `import` in a cell; Observable's classic `require` goes through it too */
  importModule?: (specifier: string) => Promise<unknown>;
  /** opens a file of Kit's sample datasets (stdlib/sample-datasets.ts); absent where none can be reached */
  sampleDataset?: (file: string) => NotebookFile;
  /** kernel-specific builtins (md, html, Inputs, tfvis, width, …); they override the shared ones */
  builtins?: Record<string, () => unknown>;
}

export function createLibrary(environment: LibraryEnvironment): Record<string, () => unknown> {
  return {
    Generators: () => Generators,
    Mutable: () => Mutable,
    FileAttachment: () => environment.FileAttachment,
    now: () => now(),
    // Kit's dark-mode flag; the page follows the browser's setting, headless is light.
    dark: () => false,
    Promises: () => Promises,
    tf: () => environment.loadTensorflow(),
    ...(environment.teach && {
      teach: async () => {
        await environment.loadTensorflow();
        return runScoped(await environment.teach!());
      }
    }),
    dfd: async () => {
      await environment.loadTensorflow();
      return import("danfojs");
    },
    // Kit's recommended libraries, with Kit's names, from the installed packages.
    d3: () => import("d3"),
    _: () => import("lodash").then((module) => module.default),
    topojson: () => import("topojson-client"),
    Arrow: () => import("apache-arrow"),
    ...(environment.importModule && {
      require: () => import("./stdlib/require.ts").then(({ createRequire }) => createRequire(environment.importModule!)),
      // Kit's Arquero builtin, when the package is installed (else its cells say to install it).
      aq: () => environment.importModule!("arquero")
    }),
    ...sampleDatasetBuiltins(environment.sampleDataset),
    ...environment.builtins
  };
}

const Promises = {
  delay: <T>(ms: number, value?: T) => new Promise<T | undefined>((resolve) => setTimeout(() => resolve(value), ms)),
  tick: (ms: number) => new Promise<number>((resolve) => setTimeout(() => resolve(Date.now()), ms - (Date.now() % ms))),
  when: (date: Date | number) => new Promise<void>((resolve) => setTimeout(resolve, +date - Date.now()))
};
