// Types of bundle-gpu.mjs, for the test that runs the bundle.
export function bundleGpuBench(out: string): Promise<string>;
