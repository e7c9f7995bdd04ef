// WebGPU in Node through the optional `webgpu` package (Dawn; large, so never a default
// dependency: `npm install webgpu`). Without the package or without a GPU adapter the kernel
// says why and trains on wasm/cpu.

export type WebGpuProbe = { ok: true; adapter: string } | { ok: false; reason: string };

interface DawnModule {
  create(flags: string[]): { requestAdapter(): Promise<{ info?: { vendor?: string; description?: string; architecture?: string } } | null> };
  globals: Record<string, unknown>;
}

/**
 * Loads `webgpu`, asks Dawn for an adapter and, if there is one, registers tfjs's webgpu backend.
 * `specifier` is the package to load (tests name one that is not installed).
 */
export async function enableWebGpu(specifier = "webgpu"): Promise<WebGpuProbe> {
  let dawn: DawnModule;
  try {
    dawn = (await import(specifier)) as DawnModule;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      return { ok: false, reason: `not installed: the optional \`${specifier}\` package is needed for a GPU (npm install ${specifier})` };
    }
    return { ok: false, reason: `the \`${specifier}\` package did not load: ${(error as Error).message}` };
  }
  let adapter;
  try {
    Object.assign(globalThis, dawn.globals);
    const gpu = dawn.create([]);
    adapter = await gpu.requestAdapter();
    if (adapter) setNavigatorGpu(gpu);
  } catch (error) {
    return { ok: false, reason: `no GPU adapter: Dawn failed to start (${(error as Error).message})` };
  }
  if (!adapter) {
    return { ok: false, reason: "no GPU adapter: Dawn found no usable GPU (it needs a Vulkan, Metal or Direct3D 12 driver)" };
  }
  // The backend registers itself on import only if navigator.gpu exists by then.
  await import("@tensorflow/tfjs-backend-webgpu");
  const info = adapter.info ?? {};
  return { ok: true, adapter: [info.vendor, info.architecture, info.description].filter(Boolean).join(" ") || "unnamed adapter" };
}

function setNavigatorGpu(gpu: unknown): void {
  const existing = (globalThis as { navigator?: object }).navigator;
  if (existing && Object.isExtensible(existing)) Object.defineProperty(existing, "gpu", { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, "navigator", { value: { ...existing, gpu }, configurable: true, writable: true });
}
