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
    if (preferred.includes("wasm")) await import("@tensorflow/tfjs-backend-wasm");
    for (const name of preferred) {
      if (await tf.setBackend(name).catch(() => false)) {
        chosen = name;
        break;
      }
    }
    if (!chosen) throw new Error(`no tfjs backend of ${preferred.join(", ")} could start`);
    await tf.ready();
    return tf;
  })();
  return loading;
}

/** The backend tfjs runs on, or undefined if no cell has used tfjs yet. */
export function tensorflowBackend(): NodeBackend | undefined {
  return chosen;
}
