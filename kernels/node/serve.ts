// exemplar serve: the notebook app on a local Vite server (127.0.0.1 unless told otherwise).
import { parseArgs } from "node:util";
import { resolve } from "node:path";

export async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { root: { type: "string" }, port: { type: "string" }, host: { type: "string" } }
  });
  const root = resolve(values.root ?? process.env.EXEMPLAR_ROOT ?? "notebooks");
  const { startAppServer } = await import("../../src/server/app-server.ts");
  const server = await startAppServer({ root, port: values.port ? Number(values.port) : undefined, host: values.host });
  console.log(`Exemplar is serving the notebooks in ${root}\n  open ${server.url}`);
  await new Promise(() => {}); // serve until interrupted
  return 0;
}
