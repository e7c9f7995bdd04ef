// The app's real server for the browser tests: the built page (built once by the global set-up)
// and the route table, on an ephemeral port (several suites share this machine), over a temporary
// copy of notebooks/ so tests can edit files freely, with a trust record of its own.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { projectRoot } from "../../helpers/notebooks.ts";
import { startAppServer, type AppServer } from "../../../src/server/app-server.ts";
import { openTrustRecord } from "../../../src/server/trust-record.ts";

export interface TestServer {
  url: string;
  /** the temporary notebook root the server reads and writes */
  root: string;
  server: AppServer;
  close(): Promise<void>;
}

/** `folders`: more folders of the project to copy under the root first, as {from: "test/fixtures/x", to: "x"}. */
export async function startTestServer({ folders = [] }: { folders?: { from: string; to: string }[] } = {}): Promise<TestServer> {
  const root = await mkdtemp(join(tmpdir(), "exemplar-e2e-"));
  const state = await mkdtemp(join(tmpdir(), "exemplar-e2e-state-"));
  await cp(join(projectRoot, "notebooks"), root, { recursive: true });
  for (const { from, to } of folders) await cp(join(projectRoot, from), join(root, to), { recursive: true });
  const server = await startAppServer({ root, port: 0, build: inject("appBuild"), trust: openTrustRecord(join(state, "trusted-notebooks.json")) });
  return {
    url: `http://127.0.0.1:${server.port}/`,
    root,
    server,
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
      await rm(state, { recursive: true, force: true });
    }
  };
}
