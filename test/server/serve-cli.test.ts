// `exemplar serve` as a person starts it: bad arguments, a busy port and a missing folder stop it
// with one line and exit 2; a host other than loopback is announced and needs the token printed in
// the address, on every request.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exemplar } from "../helpers/exemplar-cli.ts";
import { projectRoot } from "../helpers/notebooks.ts";
import { rawRequest, removeTemporaryFolders, temporaryFolder } from "./helpers.ts";

const started: ChildProcess[] = [];
afterAll(async () => {
  for (const child of started) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill();
    await exited;
  }
  removeTemporaryFolders();
});

/** One line on stderr (besides the app build's progress, when the sources just changed), no stack trace, exit 2. */
function expectOneLine(run: { code: number; stderr: string; stdout: string }, message: RegExp): void {
  expect(run.code).toBe(2);
  const lines = run.stderr.trim().split("\n").filter((line) => !/^exemplar: (building|built) the app/.test(line));
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe("exemplar serve refuses to start with one line", () => {
  it("for a port that is not a port number", async () => {
    expectOneLine(await exemplar("serve", "--port", "http"), /^exemplar serve: --port must be a number from 0 to 65535 \(0: any free port\), got "http"$/);
    expectOneLine(await exemplar("serve", "--port", "70000"), /--port must be a number from 0 to 65535/);
  });

  it("for a notebook folder that does not exist", async () => {
    const missing = join(temporaryFolder(), "nowhere");
    expectOneLine(await exemplar("serve", "--root", missing, "--port", "0"), new RegExp(`^exemplar serve: the notebook folder ${missing} does not exist`));
  });

  it("for a port another program listens on", async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const port = (other.address() as { port: number }).port;
    try {
      expectOneLine(await exemplar("serve", "--root", join(projectRoot, "notebooks"), "--port", String(port)), new RegExp(`^exemplar serve: port ${port} on 127\\.0\\.0\\.1 is in use: choose another with --port N`));
    } finally {
      other.close();
    }
  });
});

describe("a server other machines can reach", () => {
  it("warns, prints the address with its token, and answers only requests that carry it", async () => {
    const root = temporaryFolder();
    writeFileSync(join(root, "spiral.html"), "<notebook><title>inside</title></notebook>\n");
    const child = spawn(process.execPath, [join(projectRoot, "kernels/node/exemplar.js"), "serve", "--root", root, "--port", "0", "--host", "0.0.0.0"], {
      cwd: projectRoot,
      env: { ...process.env, EXEMPLAR_STATE_DIR: temporaryFolder() }
    });
    started.push(child);
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const address = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout!.on("data", (chunk) => {
        stdout += chunk;
        const found = /open (http:\/\/\S+)/.exec(stdout);
        if (found) resolve(found[1]);
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(stderr).toMatch(/warning: --host 0\.0\.0\.0 lets other machines reach this server; every request needs the token/);
    const url = new URL(address);
    const token = url.searchParams.get("token")!;
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const port = Number(url.port);
    const file = (headers: Record<string, string>) => rawRequest(port, { path: "/api/files/spiral.html", headers });

    expect((await file({})).status).toBe(401);
    expect((await file({ Authorization: "token wrong" })).status).toBe(401);
    expect((await rawRequest(port, { path: "/api/notebooks?token=wrong" })).status).toBe(401);
    // Any name the machine is known by, with the token: in a header, or the cookie the address sets.
    expect((await file({ Host: `192.168.1.20:${port}`, Authorization: `token ${token}` })).status).toBe(200);
    const visit = await rawRequest(port, { path: `/?token=${token}` });
    expect(visit.status).toBe(302);
    expect(visit.headers.location).toBe("/");
    const cookie = visit.headers["set-cookie"].split(";")[0];
    expect(visit.headers["set-cookie"]).toMatch(/HttpOnly; SameSite=Strict/);
    const withCookie = await file({ Cookie: cookie });
    expect(withCookie.status).toBe(200);
    expect(withCookie.body).toContain("inside");
    // A page of another site cannot use it, even with the token.
    expect((await file({ Cookie: cookie, Origin: "http://attacker.example" })).status).toBe(403);
  });
});

describe("a symbolic link loop", () => {
  it("answers an error that names the path asked for, never the folder's absolute path", async () => {
    const root = temporaryFolder();
    mkdirSync(join(root, "sub"));
    symlinkSync("loop-b.html", join(root, "sub/loop-a.html"));
    symlinkSync("loop-a.html", join(root, "sub/loop-b.html"));
    const { startFileApiServer } = await import("./helpers.ts");
    const server = await startFileApiServer(root);
    try {
      const response = await rawRequest(server.port, { path: "/api/files/sub/loop-a.html" });
      expect(response.status).toBe(400);
      expect(response.json().error).toBe("sub/loop-a.html: a symbolic link loop (or a chain of links too long to follow)");
      expect(response.body).not.toContain(root);
    } finally {
      await server.close();
    }
  });
});

describe("the development server (npm run dev)", () => {
  it("answers the API, but never serves the notebook folder through /@fs/ and does not watch it", async () => {
    const { startDevServer } = await import("../../src/server/dev-server.ts");
    const notebooks = join(projectRoot, "notebooks");
    const { url, vite } = await startDevServer({ root: notebooks, port: 0 });
    try {
      const port = Number(new URL(url).port);
      const raw = await rawRequest(port, { path: `/@fs${notebooks}/spiral.html` });
      expect(raw.status).toBe(403);
      expect(raw.body).not.toContain("<notebook");
      const file = await rawRequest(port, { path: "/api/files/spiral.html" });
      expect(file.status).toBe(200);
      expect(file.headers["content-security-policy"]).toMatch(/sandbox/);
      const watched = Object.keys(vite.watcher.getWatched());
      expect(watched.filter((folder) => folder === notebooks || folder.startsWith(`${notebooks}/`))).toEqual([]);
    } finally {
      await vite.close();
    }
  });
});
