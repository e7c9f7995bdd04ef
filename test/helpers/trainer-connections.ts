// Trainer connections for Node tests: the trainer host on the other end of a MessageChannel in
// this realm (same tfjs, so a test can watch its batches), or in a worker thread of its own (its
// own tfjs and tensors, and a realm that can crash), each as the page's WorkerTrainer sees a Worker.
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { serveTrainer } from "../../src/teach/trainer-host.ts";
import type { TrainerConnection } from "../../src/teach/worker-trainer.ts";
import { projectRoot } from "./notebooks.ts";

export function inProcessTrainer(backends: string[]): TrainerConnection {
  const { port1, port2 } = new MessageChannel();
  serveTrainer(port1 as unknown as Parameters<typeof serveTrainer>[0], { backends });
  const connection = {
    postMessage: (message: unknown, transfer: Transferable[] = []) => port2.postMessage(message, transfer),
    set onmessage(handler: ((event: MessageEvent) => void) | null) {
      port2.onmessage = handler;
    },
    get onmessage() {
      return port2.onmessage;
    },
    onerror: null,
    terminate: () => {
      port1.close();
      port2.close();
    }
  };
  return connection;
}

export interface ThreadTrainer extends TrainerConnection {
  worker: Worker;
}

export function threadTrainer(): ThreadTrainer {
  const worker = new Worker(join(projectRoot, "test/helpers/trainer-thread.js"));
  let onerror: TrainerConnection["onerror"] = null;
  worker.on("error", (error) => onerror?.({ message: error.message } as ErrorEvent));
  return {
    worker,
    postMessage: (message, transfer = []) => worker.postMessage(message, transfer as never),
    set onmessage(handler: ((event: MessageEvent) => void) | null) {
      worker.removeAllListeners("message");
      if (handler) worker.on("message", (data) => handler({ data } as MessageEvent));
    },
    get onmessage() {
      return null;
    },
    set onerror(handler) {
      onerror = handler;
    },
    get onerror() {
      return onerror;
    },
    terminate: () => void worker.terminate()
  };
}
