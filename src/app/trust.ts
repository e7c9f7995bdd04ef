// Which notebook files this browser runs without asking. A notebook is code, so a file opens
// showing its code and runs nothing until the person trusts it. Trust is kept in localStorage by
// the SHA-256 of the file's bytes (the file API's version), so a file changed on disk asks again.
// Trusted as they are: files created or saved by this app while trusted, and the notebooks this
// repository ships (trust-shipped.ts).
import { isShippedNotebook } from "./trust-shipped.ts";

const PREFIX = "exemplar:trusted:";

export function isTrusted(version: string, storage: Storage = localStorage): boolean {
  try {
    return !!version && storage.getItem(PREFIX + version) !== null;
  } catch {
    return false;
  }
}

/** Remembers that the file with this version may run (when it was trusted, for whoever looks). */
export function trust(version: string, storage: Storage = localStorage): void {
  if (!version) return;
  try {
    storage.setItem(PREFIX + version, new Date().toISOString());
  } catch {
    // storage refused: the file asks again next time, which is the safe side
  }
}

/** Whether an opened file may run at once: trusted before, or one of the notebooks shipped with the app. */
export async function mayRun(version: string, text: string): Promise<boolean> {
  return isTrusted(version) || (await isShippedNotebook(text));
}
