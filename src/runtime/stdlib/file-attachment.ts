// FileAttachment(name): a file that lives beside the notebook, read on demand. Kernels differ only
// in how bytes are fetched (disk in Node, the file API in the page), so they pass a loader.
import { NeedsBrowserError } from "../errors.ts";
import { autoType, csvParse, csvParseRows, tsvParse, tsvParseRows } from "d3-dsv";

/** Fetches a file's bytes by its notebook-relative name; throws an Error that names the path tried. */
export type FileLoader = (name: string) => Promise<Response>;

export interface DsvOptions {
  /** convert numbers, dates and booleans (d3's autoType); default false */
  typed?: boolean;
  /** return rows as arrays, the first row included; default false */
  array?: boolean;
}

/** What a kernel adds to files: where one is on disk (Node), and how Parquet is read (DuckDB). */
export interface FileExtras {
  diskPath?: (name: string) => string | undefined;
  parquet?: (file: NotebookFile) => Promise<unknown>;
}

export class NotebookFile {
  readonly name: string;
  readonly mimeType: string;
  /** the file on disk, for readers that open it themselves (DuckDB in Node) */
  readonly diskPath?: string;

  constructor(
    readonly path: string,
    private readonly load: FileLoader,
    private readonly href?: string,
    private readonly extras: FileExtras = {}
  ) {
    this.name = path.split("/").pop() ?? path;
    this.mimeType = guessMimeType(this.name);
    this.diskPath = extras.diskPath?.(path);
  }

  /** A Parquet file's rows, read by DuckDB (Kit reads it into an Arrow table; rows keep toArray()). */
  async parquet(): Promise<unknown> {
    if (!this.extras.parquet) throw new Error(`FileAttachment("${this.path}").parquet(): this kernel cannot read Parquet`);
    return this.extras.parquet(this);
  }

  async url(): Promise<string> {
    if (this.href) return this.href;
    return URL.createObjectURL(await this.blob());
  }
  async blob(): Promise<Blob> {
    return (await this.load(this.path)).blob();
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.load(this.path)).arrayBuffer();
  }
  /** The file's text, as UTF-8 or in the given encoding (e.g. "latin1"), as Kit reads it. */
  async text(encoding?: string): Promise<string> {
    const response = await this.load(this.path);
    return encoding === undefined ? response.text() : new TextDecoder(encoding).decode(await response.arrayBuffer());
  }
  async json(): Promise<unknown> {
    const text = await this.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SyntaxError(`FileAttachment("${this.path}"): not valid JSON: ${(error as Error).message}`);
    }
  }
  async stream(): Promise<ReadableStream<Uint8Array>> {
    const body = (await this.load(this.path)).body;
    if (!body) throw new Error(`FileAttachment("${this.path}"): the file has no body`);
    return body;
  }
  async csv(options: DsvOptions = {}): Promise<unknown[]> {
    return parseDsv(await this.text(), ",", options);
  }
  async tsv(options: DsvOptions = {}): Promise<unknown[]> {
    return parseDsv(await this.text(), "\t", options);
  }
  /** An Apache Arrow table (IPC file or stream format). */
  async arrow(): Promise<unknown> {
    const { tableFromIPC } = await import("apache-arrow");
    return tableFromIPC(new Uint8Array(await this.arrayBuffer()));
  }
  async image(properties: Partial<HTMLImageElement> = {}): Promise<HTMLImageElement> {
    if (typeof Image !== "function") throw new NeedsBrowserError("FileAttachment.image");
    const url = await this.url();
    return new Promise((resolve, reject) => {
      const image = Object.assign(new Image(), properties);
      image.onload = () => resolve(image);
      image.onerror = () => reject(new Error(`FileAttachment("${this.path}"): not an image the browser can load`));
      image.src = url;
    });
  }
}

function parseDsv(text: string, delimiter: string, { typed = false, array = false }: DsvOptions): unknown[] {
  if (array) {
    const rows = (delimiter === "," ? csvParseRows : tsvParseRows)(text);
    return typed ? rows.map((row) => autoType(row)) : rows;
  }
  const rows = typed ? (delimiter === "," ? csvParse : tsvParse)(text, autoType) : (delimiter === "," ? csvParse : tsvParse)(text);
  return rows as unknown as unknown[]; // keeps d3's `columns` property, as Kit does
}

export function createFileAttachment(load: FileLoader, hrefOf?: (name: string) => string, extras?: FileExtras): (name: string) => NotebookFile {
  const files = new Map<string, NotebookFile>();
  return (name: string) => {
    if (typeof name !== "string" || !name) throw new TypeError("FileAttachment needs a file name, e.g. FileAttachment(\"data.csv\")");
    let file = files.get(name);
    if (!file) files.set(name, (file = new NotebookFile(name, load, hrefOf?.(name), extras)));
    return file;
  };
}

const MIME_TYPES: Record<string, string> = {
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  json: "application/json",
  txt: "text/plain",
  html: "text/html",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  webp: "image/webp",
  arrow: "application/vnd.apache.arrow.file",
  parquet: "application/vnd.apache.parquet",
  bin: "application/octet-stream"
};

function guessMimeType(name: string): string {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  return MIME_TYPES[extension] ?? "application/octet-stream";
}
