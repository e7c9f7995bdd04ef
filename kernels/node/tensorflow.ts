// tfjs in Node: one instance per process, its backend chosen before the first tensor exists.
// tfjs-node cannot be installed offline, so the kernel runs on WASM, falling back to CPU.
import type * as tfType from "@tensorflow/tfjs";

export type NodeBackend = "wasm" | "cpu";
export const NODE_BACKENDS: NodeBackend[] = ["wasm", "cpu"];

let loading: Promise<typeof tfType> | undefined;
let chosen: NodeBackend | undefined;

/** Loads tfjs on the first backend of `preferred` that initialises; later calls share it. */
export function loadTensorflow(preferred: NodeBackend[] = NODE_BACKENDS): Promise<typeof tfType> {
  loading ??= (async () => {
    const tf = await import("@tensorflow/tfjs");
    // PROD skips tfjs's debug checks and its advice to install tfjs-node, which cannot work here.
    tf.env().set("PROD", true);
    const restoreErrorHandling = keepProcessErrorHandling();
    try {
      if (preferred.includes("wasm")) await import("@tensorflow/tfjs-backend-wasm");
      for (const name of preferred) {
        if (await tf.setBackend(name).catch(() => false)) {
          chosen = name;
          break;
        }
      }
      if (!chosen) throw new Error(`no tfjs backend of ${preferred.join(", ")} could start`);
      await tf.ready();
    } finally {
      restoreErrorHandling();
    }
    return tf;
  })();
  return loading;
}

/** The backend tfjs runs on, or undefined if no cell has used tfjs yet. */
export function tensorflowBackend(): NodeBackend | undefined {
  return chosen;
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
