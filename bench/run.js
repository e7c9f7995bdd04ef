// npm run bench: runs every bench/*.ts in its own process (TypeScript through tsx); each prints
// its ratios against a baseline measured in the same run.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const folder = fileURLToPath(new URL(".", import.meta.url));
const benchmarks = readdirSync(folder).filter((name) => name.endsWith(".ts")).sort();
let failed = 0;
for (const name of benchmarks) {
  const { status } = spawnSync(process.execPath, ["--import", "tsx", `${folder}${name}`], { stdio: "inherit" });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
