// A trainer in a Node worker thread: its own realm and tfjs, the real trainer host on its port,
// as a Web Worker is in the page. "test:crash" throws in that realm outside any request, as a
// worker that runs out of memory or hits a bug would.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { loadNodeTensorflow } = await import("../../kernels/node/tensorflow.ts");
const { serveTrainer } = await import("../../src/teach/trainer-host.ts");

const { ready, notes } = await loadNodeTensorflow(["wasm", "cpu"]);
let handler = null;
parentPort.on("message", (data) => {
  if (data?.type === "test:crash") setTimeout(() => { throw new Error("simulated out of memory"); });
  else handler?.({ data });
});
serveTrainer(
  {
    postMessage: (message) => parentPort.postMessage(message),
    set onmessage(next) { handler = next; },
    get onmessage() { return handler; }
  },
  { backends: ready, notes }
);
