// A child process for the kill-during-save test: prints "ready", waits for "go N" on stdin, then saves
// versions N, N+1, … of one file in a loop, each over the version it saved before, printing "begin N"
// and "end N" around each save, until killed. Waiting lets the next child load while this one saves.
import { writeSync } from "node:fs";
import { createInterface } from "node:readline";
import { saveIfUnchanged, versionOnDisk } from "../../src/server/versions.ts";

/** Version `n`: its number on the first line, then filler whose length depends on n (~256-512 KiB). */
export function versionContent(n: number): Buffer {
  const header = `version ${n}\n`;
  const size = 256 * 1024 + ((n * 7919) % (256 * 1024));
  const bytes = Buffer.alloc(header.length + size, `${n};`);
  bytes.write(header);
  return bytes;
}

async function saveForever(target: string, first: number): Promise<void> {
  let version = await versionOnDisk(target);
  for (let n = first; ; n++) {
    const bytes = versionContent(n);
    writeSync(1, `begin ${n}\n`);
    const outcome = await saveIfUnchanged(target, bytes, version === null ? { kind: "create" } : { kind: "base", version });
    if (!outcome.saved) throw new Error(`${target}: unexpected conflict`);
    version = outcome.version;
    writeSync(1, `end ${n}\n`);
  }
}

if (process.argv[2]) {
  writeSync(1, "ready\n");
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.startsWith("go ")) await saveForever(process.argv[2], Number(line.slice(3)));
  }
}
