// tfjs in Node: one instance per process, with every backend that can start here registered
// (wasm and cpu always; webgpu when the optional `webgpu` package finds a GPU). Which one trains
// a notebook's model is chosen by measurement (src/teach/choose-backend.ts) unless pinned.
// tfjs-node cannot be installed offline, so there is no native CPU backend.
import type * as tfType from "@tensorflow/tfjs";
import type { BackendChooser } from "../../src/teach/choose-backend.ts";
import { enableWebGpu } from "./webgpu.ts";

export type NodeBackend = "wasm" | "cpu" | "webgpu";
export const NODE_BACKENDS: NodeBackend[] = ["wasm", "cpu", "webgpu"];

export interface NodeTensorflow {
  tf: typeof tfType;
  /** backends that started, in order of preference before any measurement */
  ready: NodeBackend[];
  /** why a backend is missing, e.g. "webgpu: no GPU adapter: …" */
  notes: string[];
}

const loads = new Map<string, Promise<NodeTensorflow>>();
let tfjs: Promise<typeof tfType> | undefined;
let loaded: typeof tfType | undefined;

/**
 * Loads tfjs and starts `wanted` (default: all); the first that starts becomes current, before any
 * tensor exists. Later calls with other backends start those too (tfjs keeps one instance).
 */
export function loadNodeTensorflow(wanted: NodeBackend[] = NODE_BACKENDS): Promise<NodeTensorflow> {
  const key = wanted.join(",");
  let loading = loads.get(key);
  if (!loading) {
    loading = start(wanted);
    loads.set(key, loading);
  }
  return loading;
}

/** The library's loader: tfjs on the first of `wanted` that starts. */
export async function loadTensorflow(wanted?: NodeBackend[]): Promise<typeof tfType> {
  return (await loadNodeTensorflow(wanted)).tf;
}

async function start(wanted: NodeBackend[]): Promise<NodeTensorflow> {
  const restoreErrorHandling = keepProcessErrorHandling();
  try {
    return await startBackends(wanted);
  } finally {
    restoreErrorHandling();
  }
}

async function startBackends(wanted: NodeBackend[]): Promise<NodeTensorflow> {
  const tf = await (tfjs ??= importTensorflow());
  const notes: string[] = [];
  const ready: NodeBackend[] = [];
  if (wanted.includes("webgpu") && !tf.findBackendFactory("webgpu")) {
    const probe = await enableWebGpu();
    if (!probe.ok) notes.push(`webgpu: ${probe.reason}; training on ${wanted.filter((name) => name !== "webgpu").join("/") || "wasm/cpu"}`);
  }
  for (const name of wanted) {
    if (!tf.findBackendFactory(name)) continue;
    // Starting a backend makes it current; a failure leaves the current one as it was.
    if (await tf.setBackend(name).catch(() => false)) ready.push(name);
    else notes.push(`${name}: did not start`);
  }
  if (!ready.length) {
    // Only backends the caller did not want remain (a pinned webgpu without a GPU): fall back.
    for (const name of ["wasm", "cpu"] as const) if (!wanted.includes(name) && (await tf.setBackend(name).catch(() => false))) ready.push(name);
  }
  if (!ready.length) throw new Error(`no tfjs backend of ${wanted.join(", ")} could start${notes.length ? ` (${notes.join("; ")})` : ""}`);
  // Existing tensors are not moved by this: it runs before a notebook's first tensor.
  if (tf.getBackend() !== ready[0]) await tf.setBackend(ready[0]);
  await tf.ready();
  loaded = tf;
  return { tf, ready, notes };
}

async function importTensorflow(): Promise<typeof tfType> {
  const tf = await import("@tensorflow/tfjs");
  // PROD skips tfjs's debug checks and its advice to install tfjs-node, which cannot work here.
  tf.env().set("PROD", true);
  await import("@tensorflow/tfjs-backend-wasm");
  (await import("../../src/teach/wasm-kernels.ts")).registerWasmTrainingKernels();
  return tf;
}

/** The backend tfjs runs on now, or undefined if no cell has used tfjs yet. */
export function tensorflowBackend(): string | undefined {
  return loaded?.getBackend();
}

const choosers = new Map<string, Promise<BackendChooser>>();

/**
 * The process's backend chooser for these backends: it times each training's model on every one
 * that started (or uses the only one wanted), caching choices by shapes for the whole process.
 */
export function nodeBackendChooser(wanted: NodeBackend[] = NODE_BACKENDS): Promise<BackendChooser> {
  const key = wanted.join(",");
  let chooser = choosers.get(key);
  if (!chooser) {
    chooser = (async () => {
      const { ready } = await loadNodeTensorflow(wanted);
      const { createBackendChooser } = await import("../../src/teach/choose-backend.ts");
      return createBackendChooser({ candidates: () => ready, pinned: wanted.length === 1 ? ready[0] : undefined });
    })();
    choosers.set(key, chooser);
  }
  return chooser;
}

const PROCESS_ERROR_EVENTS = ["uncaughtException", "unhandledRejection"] as const;

/**
 * The wasm backend's Emscripten module adds process listeners that rethrow every uncaught error
 * and unhandled rejection, which kills the process even when its owner handles them (a test
 * runner, or a cell's stray rejection). Returns a function that takes those listeners off again.
 */
function keepProcessErrorHandling(): () => void {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(PROCESS_ERROR_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  return () => {
    for (const event of PROCESS_ERROR_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  };
}
