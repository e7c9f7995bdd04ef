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
