// The real `exemplar` binary on real files, as a person or CI would run it.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "./notebooks.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function exemplar(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectRoot, "kernels/node/exemplar.js"), ...args], { cwd: projectRoot, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
