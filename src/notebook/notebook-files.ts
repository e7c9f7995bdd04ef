// The files under a notebook's root, as every kernel reaches them: read for FileAttachment and
// model loading, an address for imports in the page, write for model saving. Implementations: the
// app's file API (src/app/file-api.ts), the disk under --root (kernels/node/files.ts), an export's
// copied files (src/export). Paths are under the root; `besideNotebook` takes the names a notebook
// writes and resolves them by the one rule of notebook-paths.ts.
import { resolveNotebookPath } from "./notebook-paths.ts";

export interface NotebookFiles {
  /** the file's bytes; a missing file rejects with a FileNotFoundError */
  read(path: string): Promise<Response>;
  /** creates or replaces the file (and its folders); read-only files refuse with a message */
  write(path: string, data: Uint8Array | string): Promise<void>;
  /** an address the page can fetch or import the file from (the page's files; Node imports from disk) */
  url?(path: string): string;
}

/** Files a page reaches over HTTP (the file API, an export's copies): each has an address. */
export interface ServedFiles extends NotebookFiles {
  url(path: string): string;
}

export class FileNotFoundError extends Error {
  override name = "FileNotFoundError";
  constructor(
    readonly path: string,
    /** where the file was looked for: the path under the root, or on disk */
    readonly tried: string
  ) {
    super(`${path}: file not found (tried ${tried})`);
  }
}

/** The files as the notebook at `notebookPath` names them: relative to its folder, inside the root (named `root` in errors). */
export function besideNotebook(files: ServedFiles, notebookPath: string, root?: string): ServedFiles;
export function besideNotebook(files: NotebookFiles, notebookPath: string, root?: string): NotebookFiles;
export function besideNotebook(files: NotebookFiles, notebookPath: string, root?: string): NotebookFiles {
  const resolve = (name: string) => resolveNotebookPath(notebookPath, name, root);
  const url = files.url;
  return {
    read: async (name) => files.read(resolve(name)),
    write: async (name, data) => files.write(resolve(name), data),
    url: url && ((name) => url.call(files, resolve(name)))
  };
}

/** Files that cannot be written, e.g. a static export's: writes refuse, saying `why`. */
export function readOnly<Files extends Omit<NotebookFiles, "write">>(files: Files, why: string): Files & NotebookFiles {
  return {
    ...files,
    write: async (path: string) => {
      throw new Error(`cannot write ${path}: ${why}`);
    }
  };
}

/** `files.read` for FileAttachment, both kernels: a failure names the attachment and, when missing, the path tried. */
export function attachmentReader(files: Pick<NotebookFiles, "read">): (name: string) => Promise<Response> {
  return async (name) => {
    try {
      return await files.read(name);
    } catch (error) {
      if (error instanceof FileNotFoundError) throw new Error(`FileAttachment("${name}"): file not found (tried ${error.tried})`);
      throw new Error(`FileAttachment("${name}"): ${(error as Error).message}`, { cause: error });
    }
  };
}
