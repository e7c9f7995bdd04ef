// tfjs in the page: one instance, its backend chosen before the first tensor exists. WASM first
// (on the small nets of the lessons it beats WebGL and WebGPU), then CPU. The .wasm binaries are
// served by Vite from the installed package (`?url`), never fetched from a CDN.
import type * as tfType from "@tensorflow/tfjs";
import wasmUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

export type BrowserBackend = "wasm" | "cpu" | "webgl" | "webgpu";
export const BROWSER_BACKENDS: BrowserBackend[] = ["wasm", "cpu"];

let loading: Promise<typeof tfType> | undefined;
let chosen: BrowserBackend | undefined;

/** Loads tfjs on the first backend of `preferred` that starts; later calls share it (one per page). */
export function loadTensorflow(preferred: BrowserBackend[] = BROWSER_BACKENDS): Promise<typeof tfType> {
  loading ??= (async () => {
    const tf = await import("@tensorflow/tfjs");
    for (const name of preferred) {
      if (await startBackend(tf, name)) {
        chosen = name;
        break;
      }
    }
    if (!chosen) throw new Error(`no tfjs backend of ${preferred.join(", ")} could start in this browser`);
    await tf.ready();
    return tf;
  })();
  return loading;
}

async function startBackend(tf: typeof tfType, name: BrowserBackend): Promise<boolean> {
  try {
    if (name === "wasm") {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      wasm.setWasmPaths({
        "tfjs-backend-wasm.wasm": wasmUrl,
        "tfjs-backend-wasm-simd.wasm": wasmSimdUrl,
        "tfjs-backend-wasm-threaded-simd.wasm": wasmThreadedSimdUrl
      });
    } else if (name === "webgpu") {
      await import("@tensorflow/tfjs-backend-webgpu");
    }
    return await tf.setBackend(name);
  } catch (error) {
    console.warn(`exemplar: the tfjs ${name} backend did not start:`, error);
    return false;
  }
}

/** The backend tfjs runs on, or undefined while no cell has used tfjs. */
export function tensorflowBackend(): BrowserBackend | undefined {
  return chosen;
}

