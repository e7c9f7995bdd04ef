// The notebook app's server: Vite, bound to 127.0.0.1 by default, serving src/app and the notebooks.
import { fileURLToPath } from "node:url";
import { createServer, type ViteDevServer } from "vite";
import { exemplarFileApi } from "./file-api.ts";

export interface AppServerOptions {
  /** the folder of notebooks to serve */
  root: string;
  port?: number;
  host?: string;
}

export interface AppServer {
  url: string;
  vite: ViteDevServer;
  close(): Promise<void>;
}

export async function startAppServer({ root, port, host = "127.0.0.1" }: AppServerOptions): Promise<AppServer> {
  process.env.EXEMPLAR_ROOT = root;
  const vite = await createServer({
    configFile: fileURLToPath(new URL("../../vite.config.ts", import.meta.url)),
    server: { host, port: port ?? 5173, strictPort: port !== undefined },
    plugins: [exemplarFileApi({ root })]
  });
  await vite.listen();
  const address = vite.resolvedUrls?.local[0] ?? `http://${host}:${port}/`;
  return { url: address, vite, close: () => vite.close() };
}
