#!/usr/bin/env node
// npm run bench [-- --json] [-- --long] [-- --only reaction,training] [-- --readme]
// Benchmarks print ratios against a baseline measured in the same run (see bench/README.md).
// Sources are TypeScript, compiled on load by tsx like the exemplar command.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
const code = await main(process.argv.slice(2));
process.stdout.write("", () => process.exit(code));
