// The page the Chromium benchmarks drive: tfjs with the backends a page has (wasm with or without
// threads, webgl, cpu), the teaching kit's training and the backend chooser, timed in the page.
// The .wasm binaries come from the installed package through Vite (`?url`).
import * as tf from "@tensorflow/tfjs";
import wasmUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import { getThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createBackendChooser } from "../../../src/teach/choose-backend.ts";
import { midNet, tinyNet, type BenchNet } from "../../lib/nets.ts";
import { fitToEnd, trainToEnd } from "../../lib/trainings.ts";
import { reaction } from "./reaction.ts";
import { responsiveness } from "./responsiveness.ts";
import { chooseTrainer, trainWith, watchTraining } from "./trainers.ts";
import { registerWasmTrainingKernels } from "../../../src/teach/wasm-kernels.ts";

export interface PageSetup {
  ready: string[];
  isolated: boolean;
  /** threads the wasm backend runs on: 1 without cross-origin isolation, else half the logical cores (tfjs's own rule), 1 to 4 */
  wasmThreads: number;
}

const nets: Record<string, () => BenchNet> = { tiny: () => tinyNet(false), mid: () => midNet(false) };
let ready: string[] = [];

async function start(backends: string[]): Promise<PageSetup> {
  setWasmPaths({ "tfjs-backend-wasm.wasm": wasmUrl, "tfjs-backend-wasm-simd.wasm": wasmSimdUrl, "tfjs-backend-wasm-threaded-simd.wasm": wasmThreadedSimdUrl });
  registerWasmTrainingKernels();
  ready = [];
  for (const name of backends) if (await tf.setBackend(name).catch(() => false)) ready.push(name);
  if (ready.includes("wasm")) await tf.setBackend("wasm");
  return { ready, isolated: crossOriginIsolated, wasmThreads: ready.includes("wasm") ? getThreadsCount() : 0 };
}

/** Milliseconds to train `net` on `backend`, with train or model.fit, its model built there. */
async function time(netName: string, backend: string, how: "train" | "fit", epochs?: number): Promise<number> {
  await tf.setBackend(backend);
  const net = { ...nets[netName](), ...(epochs ? { epochs } : {}) };
  const template = net.build();
  const started = performance.now();
  await (how === "train" ? trainToEnd(net, template) : fitToEnd(net));
  const ms = performance.now() - started;
  template.dispose();
  return ms;
}

async function choose(netName: string) {
  const net = nets[netName]();
  await tf.setBackend(ready[0]);
  const template = net.build();
  const choice = await createBackendChooser({ candidates: () => ready })({ model: template, examples: net.examples, batchSize: net.batchSize, learningRate: net.learningRate });
  template.dispose();
  return choice;
}

Object.assign(window, { exemplarBench: { start, time, choose, reaction, responsiveness, chooseTrainer, trainWith, watchTraining, tensors: () => tf.memory().numTensors } });
