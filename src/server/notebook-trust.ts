// Server-side work a notebook asks for (SQL on a configured database, data loaders) runs only for a
// notebook whose current bytes were trusted. Who records trust is the server's business; these
// modules only ask, through this interface, with the notebook's current content hash.
import { readFile } from "node:fs/promises";
import { resolveInsideRoot } from "./confine.ts";
import { versionOf } from "./versions.ts";

export interface TrustCheck {
  /** whether the notebook at `path` (root-relative) with these bytes (`version`, sha-256 hex) may run */
  isTrusted(path: string, version: string): boolean | Promise<boolean>;
}

/** For a notebook named on the command line: naming it is the decision to run it. */
export const TRUSTED_BY_CALLER: TrustCheck = { isTrusted: () => true };

export class UntrustedNotebookError extends Error {
  override name = "UntrustedNotebookError";
}

/** The notebook's real path under the root, once its current bytes are known to be trusted. */
export async function trustedNotebookFile(root: string, path: string, trust: TrustCheck): Promise<string> {
  const file = await resolveInsideRoot(root, path);
  if (trust !== TRUSTED_BY_CALLER && !(await trust.isTrusted(path, versionOf(await readFile(file))))) {
    throw new UntrustedNotebookError(`${path} is not trusted in its current version: open it in the app and trust it first`);
  }
  return file;
}
