// Files beside a notebook on disk (the Node kernel). Writes go to a temporary name first and are
// renamed into place, so a crash never leaves half a file.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { notebookPath, type NotebookFiles } from "./files.ts";

export function folderFiles(folder: string): NotebookFiles {
  return {
    async read(path) {
      const target = join(folder, notebookPath(path));
      try {
        return new Uint8Array(await readFile(target));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${path}: file not found (tried ${target})`);
        throw error;
      }
    },
    async write(path, data) {
      const target = join(folder, notebookPath(path));
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temporary, data);
      await rename(temporary, target);
    }
  };
}
