// Files beside the notebook, as the teaching kit sees them: read and write by a notebook-relative
// path. Node writes to disk (files-folder.ts), the page through the file API (file-api.ts).

export interface NotebookFiles {
  read(path: string): Promise<Uint8Array>;
  /** creates or replaces the file (and its folders) */
  write(path: string, data: Uint8Array | string): Promise<void>;
}

/** Joins notebook-relative paths and refuses ones that leave the notebook's folder. */
export function notebookPath(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts.join("/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (!segments.length) throw new Error(`"${parts.join("/")}" leaves the notebook's folder: use a path beside the notebook`);
      segments.pop();
    } else segments.push(part);
  }
  if (!segments.length) throw new Error("a file path is needed, e.g. \"models/spiral\"");
  return segments.join("/");
}

export function noFiles(what: string): NotebookFiles {
  const refuse = async (): Promise<never> => {
    throw new Error(`${what}: this kernel has no files beside the notebook`);
  };
  return { read: refuse, write: refuse };
}
