// Kit's Interpreter, which data-loader cells compile to
// (`Interpreter("node", {id, format}).run(\`…\`).then((file) => file.json())`): the kernel runs the
// cell's source (src/server/data-loaders.ts, on the server for the page) and the output is a
// FileAttachment of the cached file, read downstream like any other.
import type { NotebookFile } from "./file-attachment.ts";

export interface LoaderRun {
  mode: string;
  format?: string;
  source: string;
  since?: Date;
}

/** Runs a loader (or finds its cached output) and answers the output's notebook-relative path. */
export type RunLoader = (run: LoaderRun) => Promise<string>;

export function createInterpreter(runLoader: RunLoader, FileAttachment: (name: string) => NotebookFile) {
  return (mode: string, { format, since }: { id?: number; format?: string; since?: string | Date } = {}) => ({
    name: mode,
    options: { format },
    run: async (source: string) => FileAttachment(await runLoader({ mode, format, source, since: since === undefined ? undefined : new Date(since) }))
  });
}
