// Which notebook versions may run: the server's record, by content hash (the file API's version;
// for a notebook that imports local modules, that hash joined with a digest of the modules' hashes,
// src/app/trust-modules.ts, so a changed module asks again).
// A version is trusted when it is one of the notebooks this repository ships (the generated list
// in shipped-notebooks.json, never whatever lies on disk) or when a person pressed "Trust and run"
// on it in the page, or saved it from a page that was running. The record lives outside the
// notebook folder (a folder someone sent must not bring its own), in the user's state folder.
import { readFile, mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { writeFileAtomically } from "./atomic-write.ts";
import { shippedVersions } from "./shipped-notebooks.ts";
import { isVersion } from "./versions.ts";

export type TrustReason = "shipped" | "recorded";

export interface TrustRecord {
  /** the file holding the record */
  readonly file: string;
  /** why this version (or trust key: version+modules-digest) may run, or undefined when it must ask first */
  trustOf(key: string): Promise<TrustReason | undefined>;
  /** whether the notebook's bytes at this version were trusted, with whatever modules: what the server runs for it (SQL, loaders) */
  trustsNotebook(version: string): Promise<boolean>;
  /** records that `key` (the notebook at `path` now, with its modules) may run */
  record(key: string, path: string): Promise<void>;
}

interface Entry {
  path: string;
  at: string;
}

const MODULES = "+modules-";

/** A file version, or a version joined with the digest of its local modules' versions. */
export function isTrustKey(key: string): boolean {
  const [version, modules, ...rest] = key.split(MODULES);
  return isVersion(version) && (modules === undefined || isVersion(modules)) && rest.length === 0;
}

/** $EXEMPLAR_STATE_DIR, else $XDG_STATE_HOME/exemplar, else ~/.local/state/exemplar. */
export function defaultTrustFile(env: NodeJS.ProcessEnv = process.env): string {
  const folder = env.EXEMPLAR_STATE_DIR ?? join(env.XDG_STATE_HOME || join(homedir(), ".local/state"), "exemplar");
  return join(folder, "trusted-notebooks.json");
}

export function openTrustRecord(file = defaultTrustFile()): TrustRecord {
  const shipped = shippedVersions();
  // One write at a time: each reads the record, adds to it and replaces it atomically.
  let writing: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<Record<string, Entry>> => {
    try {
      const parsed = JSON.parse(await readFile(file, "utf8")) as unknown;
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, Entry>) : {};
    } catch {
      return {}; // missing or unreadable: nothing is trusted, which is the safe side
    }
  };
  return {
    file,
    async trustOf(key) {
      if (!isTrustKey(key)) return undefined;
      if ((await shipped).has(key)) return "shipped";
      return Object.hasOwn(await read(), key) ? "recorded" : undefined;
    },
    async trustsNotebook(version) {
      if (!isVersion(version)) return false;
      if ((await shipped).has(version)) return true;
      return Object.keys(await read()).some((key) => key === version || key.startsWith(`${version}${MODULES}`));
    },
    record(key, path) {
      if (!isTrustKey(key)) return Promise.reject(new Error(`"${key}" is not a file version`));
      const next = writing.then(async () => {
        const entries = await read();
        entries[key] = { path, at: new Date().toISOString() };
        await mkdir(dirname(file), { recursive: true });
        await writeFileAtomically(file, new TextEncoder().encode(`${JSON.stringify(entries, null, 1)}\n`));
      });
      writing = next.catch(() => undefined);
      return next;
    }
  };
}
