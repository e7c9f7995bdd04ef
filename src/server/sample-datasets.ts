// Kit's sample datasets, served from the installed @observablehq/sample-datasets package (Kit
// itself downloads them from a CDN): only the files that package exports, named exactly.
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isSampleDatasetFile, SAMPLE_DATASETS_PACKAGE } from "../runtime/stdlib/sample-datasets.ts";
import { ApiError } from "./api-error.ts";
import { send } from "./static-assets.ts";

const resolveInstalled = createRequire(import.meta.url).resolve;

/** The file on disk of a sample dataset ("penguins.csv"); throws a 404 naming what is missing. */
export function sampleDatasetPath(file: string): string {
  if (!isSampleDatasetFile(file)) throw new ApiError(404, `${file.slice(0, 200)} is not one of Kit's sample datasets`);
  try {
    return resolveInstalled(`${SAMPLE_DATASETS_PACKAGE}/${file}`);
  } catch {
    throw new ApiError(404, `${file}: the package ${SAMPLE_DATASETS_PACKAGE} is not installed: add it with npm install ${SAMPLE_DATASETS_PACKAGE}`);
  }
}

export async function answerSampleDataset(request: IncomingMessage, response: ServerResponse, rest: string): Promise<void> {
  let file: string;
  try {
    file = decodeURIComponent(rest);
  } catch {
    throw new ApiError(404, "not one of Kit's sample datasets");
  }
  // The package's version is in the lockfile: a day's cache is plenty.
  await send(request, response, sampleDatasetPath(file), "public, max-age=86400");
}
