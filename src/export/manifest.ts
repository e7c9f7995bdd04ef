// What `exemplar build` writes beside the static page (export.json), and where the page finds
// each part: the notebook's bytes, the data files it reads, the trained weights it would train.

export interface ExportManifest {
  /** what wrote this file: an export folder is recognised by it, and replaced only then */
  format: "exemplar-export/1";
  /** the notebook's file name where it was built; its data files resolve from here */
  source: string;
  title: string;
  /** data files beside the notebook (notebook-relative), copied under files/ */
  files: string[];
  /** cached trainings (their cache keys), copied as cache/<key>.json and cache/<key>.bin */
  trainings: string[];
  /** SQL results and data-loader outputs the headless run used, by request (see cacheKey), as notebook-relative files under files/ */
  cached: Record<string, string>;
  /** when the export was built (ISO 8601) */
  built: string;
  /** every file the export wrote, this one included: a rebuild deletes exactly these */
  written: string[];
}

/** A SQL query or data-loader run, as the key an export finds its cached result by. */
export type CachedRequest = { kind: "sql"; database: string; strings: string[]; params: unknown[] } | { kind: "loader"; mode: string; format?: string; source: string };

export function cacheKey(request: CachedRequest): string {
  return JSON.stringify(request.kind === "sql" ? [request.kind, request.database, request.strings, request.params] : [request.kind, request.mode, request.format ?? null, request.source]);
}

export const MANIFEST = "export.json";
export const NOTEBOOK = "notebook.html";
export const FILES = "files/";
export const CACHE = "cache/";
/** Kit's sample datasets the cells name (stdlib/sample-datasets.ts), beside the page */
export const SAMPLE_DATASETS_FOLDER = "sample-datasets/";

/** The address of a notebook-relative data file in the export. */
export function exportedFileUrl(path: string, base: string | URL): string {
  return new URL(FILES + path.split("/").map(encodeURIComponent).join("/"), base).href;
}
