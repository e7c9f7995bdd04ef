#!/usr/bin/env node
// The `exemplar` command. Sources are TypeScript; tsx compiles them on load, so there is no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./cli.ts");
const code = await main(process.argv.slice(2));
// Exit explicitly (a finished notebook may leave timers behind), once stdout has drained.
process.stdout.write("", () => process.exit(code));
