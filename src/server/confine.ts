// Where a checked relative path really lands on disk, refused when a symlink takes it out of the root.
import { lstat, realpath } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { ApiError } from "./api-error.ts";

export function isInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

export async function realRoot(root: string): Promise<string> {
  try {
    return await realpath(root);
  } catch {
    throw new ApiError(404, `the notebook folder ${root} does not exist`);
  }
}

/**
 * The real path of `relative` under `root`: the realpath of the target, or of its nearest existing
 * parent joined with the parts still to be created. `relative` has passed checkRequestPath.
 */
export async function resolveInsideRoot(root: string, relative: string): Promise<string> {
  const rootReal = await realRoot(root);
  const missing: string[] = [];
  let probe = resolve(rootReal, relative);
  if (!isInside(rootReal, probe)) throw outside(relative);
  for (;;) {
    try {
      const real = await realpath(probe);
      if (!isInside(rootReal, real)) throw outside(relative);
      return missing.length ? join(real, ...missing) : real;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOTDIR") throw new ApiError(400, `${relative}: a parent of this path is a file, not a folder`);
      if (code !== "ENOENT") throw error;
      // A link whose target is missing: where it points cannot be checked, so it is not followed.
      if (await exists(probe)) throw new ApiError(403, `${relative}: is a symbolic link to a missing file; not followed`);
      missing.unshift(basename(probe));
      probe = dirname(probe);
    }
  }
}

function outside(relative: string): ApiError {
  return new ApiError(403, `${relative}: leads outside the notebook folder (through a symbolic link)`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
