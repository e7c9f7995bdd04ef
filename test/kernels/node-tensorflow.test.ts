import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/notebooks.ts";

describe("tfjs in the Node kernel", () => {
  it("loading the wasm backend leaves the process's own error handling in charge: a handled rejection does not kill it", () => {
    const folder = mkdtempSync(join(tmpdir(), "exemplar-tf-"));
    const script = join(folder, "handled-rejection.mts");
    writeFileSync(
      script,
      [
        `import { loadTensorflow } from ${JSON.stringify(join(projectRoot, "kernels/node/tensorflow.ts"))};`,
        `const tf = await loadTensorflow(["wasm"]);`,
        `console.log("backend", tf.getBackend());`,
        `process.on("unhandledRejection", (reason) => console.log("handled", reason.message));`,
        `Promise.reject(new Error("a cell's stray rejection"));`,
        `setTimeout(() => console.log("still running"), 50);`
      ].join("\n")
    );
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: projectRoot, encoding: "utf8", timeout: 60_000 });
      expect(run.stderr).toBe("");
      expect(run.stdout.split("\n")).toEqual(["backend wasm", "handled a cell's stray rejection", "still running", ""]);
      expect(run.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
