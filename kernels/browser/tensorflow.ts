// tfjs in the page, and in the trainer's Web Worker: one instance per realm, its backend chosen
// before the first tensor exists. WASM first (on the small nets of the lessons it beats WebGL and
// WebGPU), then CPU; WebGL and WebGPU are there to be timed for each training. WebGPU's backend is
// loaded only when the browser gives an adapter. The .wasm binaries are served by Vite from the
// installed package (`?url`), never fetched from a CDN.
import type * as tfType from "@tensorflow/tfjs";
import wasmUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

export type BrowserBackend = "wasm" | "cpu" | "webgl" | "webgpu";
export const BROWSER_BACKENDS: BrowserBackend[] = ["wasm", "cpu"];

let loading: Promise<typeof tfType> | undefined;
let chosen: BrowserBackend | undefined;
let webGpuNote = "";

/** Loads tfjs on the first backend of `preferred` that starts; later calls share it (one per realm). */
export function loadTensorflow(preferred: BrowserBackend[] = BROWSER_BACKENDS): Promise<typeof tfType> {
  loading ??= (async () => {
    const [tf] = await Promise.all([import("@tensorflow/tfjs"), registerWebGpu()]);
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

/** WebGPU's backend, imported (and so registered) only when the browser has an adapter. */
async function registerWebGpu(): Promise<void> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) {
    webGpuNote = "webgpu: this browser has no WebGPU";
    return;
  }
  try {
    if (!(await gpu.requestAdapter())) {
      webGpuNote = "webgpu: no adapter (no usable GPU, or WebGPU is off)";
      return;
    }
    await import("@tensorflow/tfjs-backend-webgpu");
  } catch (error) {
    webGpuNote = `webgpu: ${(error as Error).message}`;
  }
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
      (await import("../../src/teach/wasm-kernels.ts")).registerWasmTrainingKernels();
    }
    return await tf.setBackend(name);
  } catch (error) {
    console.warn(`exemplar: the tfjs ${name} backend did not start:`, error);
    return false;
  }
}

/**
 * The backends a training may be timed on here, the current one first: wasm and cpu, WebGL when
 * a context can be made (through an OffscreenCanvas in a worker), WebGPU when it has an adapter.
 */
export function trainingBackends(tf: typeof tfType): string[] {
  const names = ["wasm", "cpu"].filter((name) => tf.findBackendFactory(name));
  try {
    if (tf.findBackendFactory("webgl") && tf.env().getNumber("WEBGL_VERSION") > 0) names.push("webgl");
  } catch {
    // no WebGL here
  }
  if (tf.findBackendFactory("webgpu")) names.push("webgpu");
  const current = tf.getBackend();
  return names.includes(current) ? [current, ...names.filter((name) => name !== current)] : names;
}

/** Why a GPU backend is missing, for a person to read ("webgpu: no adapter …"); empty when none is. */
export function missingBackendNotes(tf: typeof tfType): string[] {
  const notes = webGpuNote ? [webGpuNote] : [];
  if (!trainingBackends(tf).includes("webgl")) notes.push("webgl: no WebGL context");
  return notes;
}

/** The backend tfjs runs on, or undefined while no cell has used tfjs. */
export function tensorflowBackend(): BrowserBackend | undefined {
  return chosen;
}
