// The files under a notebook's root on disk (the Node kernel): every path is checked against the
// root after following symbolic links, as the app's file API does (src/server/confine.ts), so a
// notebook run headless reaches exactly what it would reach in the page. Writes go to a temporary
// name first and are renamed into place, so a crash never leaves half a file.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { existsSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { FileNotFoundError, type NotebookFiles } from "../../src/notebook/notebook-files.ts";
import { NotebookPathError } from "../../src/notebook/notebook-paths.ts";
import { ApiError } from "../../src/server/api-error.ts";
import { resolveInsideRoot } from "../../src/server/confine.ts";

export interface DiskFiles extends NotebookFiles {
  /** the folder every path is under */
  readonly root: string;
  /** the real path on disk of `path` under the root; refused when a link leads out of the root */
  realPath(path: string): Promise<string>;
  /** a file: URL to import `path` from */
  fileUrl(path: string): Promise<string>;
  /** the real path on disk, at once, for readers that open files themselves (DuckDB); refused as realPath is */
  realPathNow(path: string): string;
}

export function diskFiles(root: string): DiskFiles {
  const realPath = async (path: string) => {
    try {
      return await resolveInsideRoot(root, path);
    } catch (error) {
      // The file API's refusals, as errors of the notebook's path, naming the root.
      if (error instanceof ApiError) throw new NotebookPathError(path, `${error.message} (the root is ${root})`);
      throw error;
    }
  };
  const realRoot = realpathSync(root);
  return {
    root,
    realPath,
    realPathNow(path) {
      const target = join(root, path);
      const real = existsSync(target) ? realpathSync(target) : target;
      const inside = relative(realRoot, real);
      if (inside.startsWith("..") || isAbsolute(inside)) throw new NotebookPathError(path, `"${path}" leads outside the root ${root}`);
      return real;
    },
    fileUrl: async (path) => pathToFileURL(await realPath(path)).href,
    async read(path) {
      const target = await realPath(path);
      try {
        return new Response(await readFile(target));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new FileNotFoundError(path, target);
        throw error;
      }
    },
    async write(path, data) {
      const target = await realPath(path);
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temporary, data);
      await rename(temporary, target);
    }
  };
}
