import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTempFileName, removeStaleTempFiles, writeFileAtomically } from "../../src/server/atomic-write.ts";
import { versionContent } from "./save-loop.ts";
import { removeTemporaryFolders, startFileApiServer, temporaryFolder } from "./helpers.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
let saveLoop: string;

afterAll(removeTemporaryFolders);

function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  return new Promise((resolve) => child.on("exit", () => resolve(child.pid!)));
}

describe("writing a file atomically", () => {
  it("replaces the file's content and leaves no temp file behind", async () => {
    const folder = temporaryFolder();
    const file = join(folder, "a.html");
    writeFileSync(file, "old");
    expect(await writeFileAtomically(file, Buffer.from("new"))).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(readdirSync(folder)).toEqual(["a.html"]);
  });

  it("keeps the permissions of the file it replaces", async () => {
    const file = join(temporaryFolder(), "private.csv");
    writeFileSync(file, "old");
    chmodSync(file, 0o640);
    await writeFileAtomically(file, Buffer.from("new"));
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it("in exclusive mode creates a missing file and refuses an existing one without touching it", async () => {
    const folder = temporaryFolder();
    const file = join(folder, "fresh.html");
    expect(await writeFileAtomically(file, Buffer.from("first"), { exclusive: true })).toBe(true);
    expect(await writeFileAtomically(file, Buffer.from("second"), { exclusive: true })).toBe(false);
    expect(readFileSync(file, "utf8")).toBe("first");
    expect(readdirSync(folder)).toEqual(["fresh.html"]);
  });

  it("removes its temp file when the save fails", async () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, "a-folder.html"));
    await expect(writeFileAtomically(join(folder, "a-folder.html"), Buffer.from("x"))).rejects.toThrow(/EISDIR/);
    expect(readdirSync(folder)).toEqual(["a-folder.html"]);
  });

  it("cleans temp files of dead writers on the next save in that folder, and keeps those of live ones", async () => {
    const folder = temporaryFolder();
    const dead = `.a.html.exemplar-${await deadPid()}-0a1b2c.tmp`;
    const live = `.a.html.exemplar-${process.ppid}-0a1b2c.tmp`;
    const ours = `.a.html.exemplar-${process.pid}-0a1b2c.tmp`; // a crashed earlier life of this pid
    for (const name of [dead, live, ours]) writeFileSync(join(folder, name), "half a save");
    await writeFileAtomically(join(folder, "b.html"), Buffer.from("b"));
    expect(readdirSync(folder).sort()).toEqual([live, "b.html"].sort());
    expect(await removeStaleTempFiles(folder)).toBe(0);
  });

  it("cleans temp files of dead writers anywhere under the root when the server starts", async () => {
    const root = temporaryFolder();
    mkdirSync(join(root, "sub"));
    const stale = `.spiral.html.exemplar-${await deadPid()}-ffffff.tmp`;
    writeFileSync(join(root, stale), "half");
    writeFileSync(join(root, "sub", stale), "half");
    const server = await startFileApiServer(root);
    try {
      await expect.poll(() => [...readdirSync(root), ...readdirSync(join(root, "sub"))].filter(isTempFileName), { timeout: 10_000 }).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("saving while the process is killed", () => {
  beforeAll(async () => {
    // One plain-JS bundle of the save loop (and the real save code it imports): children start in
    // milliseconds instead of compiling TypeScript each time.
    const outDir = temporaryFolder("exemplar-save-loop-");
    await build({
      configFile: false,
      logLevel: "silent",
      root: projectRoot,
      build: { ssr: fileURLToPath(new URL("./save-loop.ts", import.meta.url)), outDir, minify: false, rolldownOptions: { output: { entryFileNames: "save-loop.mjs" } } }
    });
    saveLoop = join(outDir, "save-loop.mjs");
  });

  it("a process killed with SIGKILL at random moments during saves leaves the old or the new file, never a truncated one", async () => {
    const folder = temporaryFolder();
    const file = join(folder, "notebook.html");
    writeFileSync(file, versionContent(0));
    const stats = { kills: 0, savesKilled: 0, filesLost: 0, tempFilesLeft: 0 };
    let stable = 0; // the version on disk before each child starts
    const started = Date.now();
    let next = startSaveLoop(file);
    // Bounded: at least 30 kills, then more until 4 s have passed, at most 200.
    while (stats.kills < 30 || (stats.kills < 200 && Date.now() - started < 4_000)) {
      const current = next;
      await current.ready;
      next = startSaveLoop(file);
      const { begun, ended, lastLineBegun } = await current.killDuringSaves(stable + 1, Math.random() * 40);
      stats.kills++;
      if (lastLineBegun) stats.savesKilled++;
      const bytes = readFileSync(file);
      const n = Number(/^version (\d+)\n/.exec(bytes.toString("latin1", 0, 32))?.[1]);
      const allowed = new Set([ended ?? stable, ...(lastLineBegun ? [begun!] : [])]);
      if (!allowed.has(n) || !bytes.equals(versionContent(n))) stats.filesLost++;
      else stable = n;
      stats.tempFilesLeft += readdirSync(folder).filter(isTempFileName).length;
    }
    await next.stop();
    // The next save in the folder removes what killed saves left.
    await writeFileAtomically(join(folder, "other.html"), Buffer.from("next save"));
    const leftAfterNextSave = readdirSync(folder).filter(isTempFileName).length;
    console.log(`kill-during-save: ${JSON.stringify({ ...stats, leftAfterNextSave, seconds: (Date.now() - started) / 1000 })}`);
    expect(stats.filesLost).toBe(0);
    expect(stats.savesKilled).toBeGreaterThan(0);
    expect(leftAfterNextSave).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(["notebook.html", "other.html"]);
  });
});

/** A save loop in a child process, loaded and waiting for the word to start. */
function startSaveLoop(file: string) {
  const child = spawn(process.execPath, [saveLoop, file], { stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  let errors = "";
  const waiters: [string, () => void][] = [];
  child.stderr.on("data", (chunk) => (errors += chunk));
  child.stdout.on("data", (chunk) => {
    output += chunk;
    for (const [word, resolve] of waiters) if (output.includes(word)) resolve();
  });
  // "close": the child has exited and everything it printed has been read.
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_, signal) => resolve(signal)));
  const printed = (word: string) =>
    new Promise<void>((resolve, reject) => {
      waiters.push([word, resolve]);
      if (output.includes(word)) resolve();
      void closed.then(() => reject(new Error(`save loop ended before printing "${word}": ${errors}`)));
    });
  const ready = printed("ready");
  ready.catch(() => {}); // a child stopped before it was needed
  return {
    ready,
    /** Starts saving from version `first`, kills the child `delayMs` after its first save began. */
    async killDuringSaves(first: number, delayMs: number) {
      child.stdin.write(`go ${first}\n`);
      await printed("begin");
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill("SIGKILL");
      expect(await closed).toBe("SIGKILL");
      const lines = output.trim().split("\n");
      const last = (word: string) => {
        const line = lines.findLast((text) => text.startsWith(word));
        return line === undefined ? undefined : Number(line.split(" ")[1]);
      };
      return { begun: last("begin"), ended: last("end"), lastLineBegun: lines.at(-1)!.startsWith("begin") };
    },
    async stop() {
      child.kill("SIGKILL");
      await closed;
    }
  };
}
