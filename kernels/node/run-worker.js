// The worker thread a notebook runs in (see watchdog.ts). Sources are TypeScript, compiled on
// load by tsx like the exemplar command; each worker registers it for itself.
import { register } from "tsx/esm/api";

register();
await import("./run-in-worker.ts");
