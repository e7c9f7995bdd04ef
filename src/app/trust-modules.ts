// A notebook's trust is for its bytes and for the bytes of the local modules it imports
// (`import … from "./x.js"`, and their own local imports): a changed module is different code, so
// the notebook asks again. The trust key is the file's version alone when it imports none (as
// before), else that version joined with a digest of every module's path and version. The kernel
// is given the versions trusted and refuses a module that changed on disk since.
import type { Cell } from "@observablehq/notebook-kit";
import { localImportsOf, localModuleGraph } from "../runtime/local-modules.ts";
import { fetchFile } from "./file-api.ts";

export interface NotebookModules {
  /** root-relative path → version, for each module trusted with the notebook */
  pinned: ReadonlyMap<string, string>;
  /** the key trust is kept under for this notebook at `version` with these modules */
  key(version: string): string;
}

export async function notebookModules(path: string, cells: Cell[], read: (path: string) => Promise<Response> = fetchFile): Promise<NotebookModules> {
  const graph = await localModuleGraph(path, localImportsOf(cells), async (module) => {
    const response = await read(module);
    if (!response.ok) throw new Error(`${module}: HTTP ${response.status}`);
    return { source: await response.text(), version: response.headers.get("X-Exemplar-Version") ?? "" };
  });
  const pinned = new Map(graph.flatMap((module) => (module.version === undefined ? [] : [[module.path, module.version] as const])));
  const digest = graph.length ? await sha256(graph.map((module) => `${module.path} ${module.version ?? "(missing)"}`).join("\n")) : "";
  return { pinned, key: (version) => (digest ? `${version}+modules-${digest}` : version) };
}

async function sha256(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
