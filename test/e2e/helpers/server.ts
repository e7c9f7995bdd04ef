// A real Vite server for the browser tests: the app's own config, on an ephemeral port (several
// suites share this machine), over a temporary copy of notebooks/ so tests can edit files freely.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { projectRoot } from "../../helpers/notebooks.ts";
import { exemplarFileApi } from "../../../src/server/file-api.ts";

export interface TestServer {
  url: string;
  /** the temporary notebook root the server reads and writes */
  root: string;
  vite: ViteDevServer;
  close(): Promise<void>;
}

/** `folders`: more folders of the project to copy under the root first, as {from: "test/fixtures/x", to: "x"}. */
export async function startTestServer({ folders = [] }: { folders?: { from: string; to: string }[] } = {}): Promise<TestServer> {
  const root = await mkdtemp(join(tmpdir(), "exemplar-e2e-"));
  await cp(join(projectRoot, "notebooks"), root, { recursive: true });
  for (const { from, to } of folders) await cp(join(projectRoot, from), join(root, to), { recursive: true });
  process.env.EXEMPLAR_ROOT = root;
  const vite = await createServer({
    configFile: join(projectRoot, "vite.config.ts"),
    logLevel: "warn",
    clearScreen: false,
    plugins: [exemplarFileApi({ root })],
    // Its own dependency cache: Vite re-bundles dependencies when the plugins differ, and would
    // otherwise do so on every switch between these tests and \`npm start\`.
    cacheDir: join(projectRoot, "node_modules/.vite-e2e"),
    server: { host: "127.0.0.1", port: 0, strictPort: true, hmr: false }
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("the Vite server has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    root,
    vite,
    async close() {
      await vite.close();
      await rm(root, { recursive: true, force: true });
    }
  };
}
