// The trainer's Web Worker: tfjs of its own (wasm with threads, the page being cross-origin
// isolated; WebGL through an OffscreenCanvas; WebGPU through the worker's navigator.gpu; cpu),
// serving trainings to the page through the trainer contract (src/teach/trainer-contract.ts).
import { loadTensorflow, missingBackendNotes, trainingBackends } from "./tensorflow.ts";
import { serveTrainer } from "../../src/teach/trainer-host.ts";
import type { TrainerPort } from "../../src/teach/trainer-contract.ts";

const tf = await loadTensorflow(["wasm", "cpu"]);
const first = tf.getBackend();
// Each backend is started once here, so the trainer offers only those that work in a worker.
const backends: string[] = [];
const notes = missingBackendNotes(tf);
for (const name of trainingBackends(tf)) {
  if (await tf.setBackend(name).catch(() => false)) backends.push(name);
  else notes.push(`${name}: did not start in the worker`);
}
await tf.setBackend(first);
serveTrainer(self as unknown as TrainerPort, { backends, notes });
