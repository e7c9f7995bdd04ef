// exemplar serve: the notebook app from the built page on our own server (127.0.0.1 unless told
// otherwise); with --dev, under Vite's dev server for working on the app itself. Bad arguments, a
// port in use or a missing folder exit 2 with one line.
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { resolve } from "node:path";

export class ServeError extends Error {}

export async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { root: { type: "string" }, port: { type: "string" }, host: { type: "string" }, dev: { type: "boolean" } }
  });
  const root = resolve(values.root ?? process.env.EXEMPLAR_ROOT ?? "notebooks");
  const port = parsePort(values.port);
  const host = values.host ?? "127.0.0.1";
  if (!host.trim()) throw new ServeError("--host needs an address, e.g. 127.0.0.1 or 0.0.0.0");
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new ServeError(`the notebook folder ${root} does not exist (give another with --root DIR)`);
  const [{ startAppServer, isLoopback, ServerStartError }, { ensureAppBuild }] = await Promise.all([import("../../src/server/app-server.ts"), import("../../src/server/app-build.ts")]);
  try {
    if (values.dev) {
      if (!isLoopback(host)) throw new ServeError("npm run dev serves this machine only: leave out --host, or use npm start to serve others");
      const { startDevServer } = await import("../../src/server/dev-server.ts");
      const { url } = await startDevServer({ root, port, host });
      console.log(`Exemplar (development: Vite, hot reload) is serving the notebooks in ${root}\n  open ${url}`);
    } else {
      const build = await ensureAppBuild();
      const server = await startAppServer({ root, port, host, build });
      if (!isLoopback(host)) {
        console.error(`exemplar: warning: --host ${host} lets other machines reach this server; every request needs the token in the address below`);
      }
      console.log(`Exemplar is serving the notebooks in ${root}\n  open ${server.url}`);
    }
  } catch (error) {
    if (error instanceof ServerStartError) throw new ServeError(error.message);
    throw error;
  }
  await new Promise(() => {}); // serve until interrupted
  return 0;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 5173;
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535) throw new ServeError(`--port must be a number from 0 to 65535 (0: any free port), got "${text}"`);
  return port;
}
