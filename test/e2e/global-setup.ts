// Before the browser tests: find Chromium (CHROMIUM_PATH, then Debian's /usr/bin/chromium). If it is
// missing and we are root with apt, install Debian's package; otherwise stop with the command to run.
// Never skip the browser tests silently. Then the app's build, as `npm start` serves it: found in
// the build cache, or built once here for every test file.
import { execSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import type { TestProject } from "vitest/node";
import { ensureAppBuild, type AppBuild } from "../../src/server/app-build.ts";

export const INSTALL_CHROMIUM = "apt-get update && apt-get install -y chromium";
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    chromiumPath: string;
    appBuild: AppBuild;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide("chromiumPath", findChromium());
  project.provide("appBuild", await ensureAppBuild({ log: (line) => console.log(line) }));
}

export interface ChromiumSearch {
  env?: NodeJS.ProcessEnv;
  /** where Debian's package puts it */
  debian?: string;
  /** whether this process may install it (root, with apt) */
  canInstall?: boolean;
}

export function findChromium({ env = process.env, debian = DEBIAN_CHROMIUM, canInstall = process.getuid?.() === 0 && executable("/usr/bin/apt-get") }: ChromiumSearch = {}): string {
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which is not an executable file`);
  }
  if (executable(debian)) return debian;
  if (canInstall) {
    console.log(`Chromium is missing; installing it for the browser tests: ${INSTALL_CHROMIUM}`);
    execSync(INSTALL_CHROMIUM, { stdio: "inherit" });
    if (executable(debian)) return debian;
  }
  throw new Error(`The browser tests need Chromium at ${debian} (or set CHROMIUM_PATH). Install it with:\n  ${INSTALL_CHROMIUM}`);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
