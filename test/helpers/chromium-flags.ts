// How every Chromium here is started, by the tests and the benchmarks alike: headless, no sandbox
// (containers), nothing fetched from the network, nothing synced.
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];

/**
 * A software WebGPU adapter (SwiftShader through Vulkan) for Chromium without a GPU: enough to
 * test that WebGPU is timed and trains correctly, far too slow to say anything about speed.
 */
export const SOFTWARE_WEBGPU_FLAGS = ["--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-vulkan=swiftshader", "--use-webgpu-adapter=swiftshader", "--enable-unsafe-swiftshader"];
