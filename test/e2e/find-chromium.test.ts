import { describe, expect, it } from "vitest";
import { findChromium, INSTALL_CHROMIUM } from "./global-setup.ts";

describe("finding Chromium for the browser tests", () => {
  it("CHROMIUM_PATH wins when it is an executable, and is refused by name when it is not", () => {
    expect(findChromium({ env: { CHROMIUM_PATH: process.execPath }, debian: "/nowhere/chromium" })).toBe(process.execPath);
    expect(() => findChromium({ env: { CHROMIUM_PATH: "/nowhere/chrome" } })).toThrow("CHROMIUM_PATH is /nowhere/chrome, which is not an executable file");
  });

  it("falls back to Debian's path", () => {
    expect(findChromium({ env: {}, debian: process.execPath, canInstall: false })).toBe(process.execPath);
  });

  it("missing and not installable, it fails with the exact command to run instead of skipping", () => {
    expect(() => findChromium({ env: {}, debian: "/nowhere/chromium", canInstall: false })).toThrow(`Install it with:\n  ${INSTALL_CHROMIUM}`);
    expect(INSTALL_CHROMIUM).toBe("apt-get update && apt-get install -y chromium");
  });
});
