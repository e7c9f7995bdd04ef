import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, removeTemporaryFolders, startFileApiServer, temporaryFolder, type TestServer } from "./helpers.ts";

const sha256 = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex");
const notebook = (title: string) => `<!doctype html>\n<notebook>\n  <title>${title}</title>\n  <script type="module">1 + 1</script>\n</notebook>\n`;

let root: string;
let server: TestServer;
const api = (path: string, init?: RequestInit) => fetch(`${server.url}/api/${path}`, init);
const put = (path: string, body: string | Buffer, headers: Record<string, string>) =>
  api(`files/${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers });

beforeAll(async () => {
  root = join(temporaryFolder(), "notebooks");
  mkdirSync(join(root, "sub/deeper"), { recursive: true });
  writeFileSync(join(root, "spiral.html"), notebook("Two spirals"));
  writeFileSync(join(root, "sub/iris.html"), notebook("Iris &amp; friends"));
  writeFileSync(join(root, "sub/deeper/untitled.html"), "<notebook></notebook>\n");
  writeFileSync(join(root, "sub/iris.csv"), "a,b\n1,2\n");
  writeFileSync(join(root, "notes.txt"), "plain notes\n");
  mkdirSync(join(root, "node_modules/pkg"), { recursive: true });
  writeFileSync(join(root, "node_modules/pkg/readme.html"), notebook("not a notebook"));
  mkdirSync(join(root, ".history"));
  writeFileSync(join(root, ".history/old.html"), notebook("hidden"));
  mkdirSync(join(root, "sub/.observable/cache"), { recursive: true });
  writeFileSync(join(root, "sub/.observable/databases.json"), '{"pg": {"type": "postgres", "password": "hunter2"}}');
  writeFileSync(join(root, "sub/.observable/cache/pg-abc.json"), '{"rows": []}');
  symlinkSync(join(root, "sub/.observable/databases.json"), join(root, "sub/settings.json"));
  writeFileSync(join(root, "sub/numbers.bin"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  server = await startFileApiServer(root, { maxBodyBytes: 4096 });
});

afterAll(async () => {
  await server?.close();
  removeTemporaryFolders();
});

describe("listing notebooks", () => {
  it("lists every .html notebook under the root with its title, modified time and size, skipping node_modules and dot-folders", async () => {
    const response = await api("notebooks");
    expect(response.status).toBe(200);
    const list = await response.json();
    const stamp = (path: string) => ({ modified: Math.floor(statSync(join(root, path)).mtimeMs), size: statSync(join(root, path)).size });
    expect(list).toEqual([
      { path: "spiral.html", title: "Two spirals", ...stamp("spiral.html") },
      { path: "sub/deeper/untitled.html", title: "untitled", ...stamp("sub/deeper/untitled.html") },
      { path: "sub/iris.html", title: "Iris & friends", ...stamp("sub/iris.html") }
    ]);
  });

  it("refuses methods other than GET on the list with 405 and Allow", async () => {
    const response = await api("notebooks", { method: "POST", body: "x" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect((await response.json()).error).toMatch(/only GET/);
  });
});

describe("database settings and byte ranges", () => {
  it("never serves .observable/databases.json, by its path or through a link, while the query cache beside it stays readable", async () => {
    for (const path of ["sub/.observable/databases.json", "sub/.Observable/Databases.json", "sub/settings.json"]) {
      const response = await api(`files/${path}`);
      expect(response.status, path).not.toBe(200);
      expect(await response.text(), path).not.toContain("hunter2");
    }
    const refused = await api("files/sub/.observable/databases.json");
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/hold credentials and are never served/);
    const cached = await api("files/sub/.observable/cache/pg-abc.json");
    expect(cached.status).toBe(200);
    expect(await cached.json()).toEqual({ rows: [] });
  });

  it("answers a Range request with 206 and only those bytes, a suffix range with the last bytes, and one beyond the end with 416", async () => {
    const part = await api("files/sub/numbers.bin", { headers: { Range: "bytes=10-13" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 10-13/256");
    expect(part.headers.get("content-length")).toBe("4");
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([10, 11, 12, 13]);
    const tail = await api("files/sub/numbers.bin", { headers: { Range: "bytes=-2" } });
    expect([...new Uint8Array(await tail.arrayBuffer())]).toEqual([254, 255]);
    const open = await api("files/sub/numbers.bin", { headers: { Range: "bytes=250-" } });
    expect(open.headers.get("content-range")).toBe("bytes 250-255/256");
    const beyond = await api("files/sub/numbers.bin", { headers: { Range: "bytes=300-400" } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe("bytes */256");
    const whole = await api("files/sub/numbers.bin");
    expect(whole.status).toBe(200);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect((await whole.arrayBuffer()).byteLength).toBe(256);
  });
});

describe("reading files", () => {
  it("serves a notebook's bytes with its content type and the sha-256 of the bytes as its version", async () => {
    const response = await api("files/spiral.html");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const text = await response.text();
    expect(text).toBe(readFileSync(join(root, "spiral.html"), "utf8"));
    expect(response.headers.get("x-exemplar-version")).toBe(sha256(text));
  });

  it("serves any file under the root, including ones it would not write", async () => {
    const response = await api("files/notes.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("plain notes\n");
  });

  it("serves a notebook in a sandbox, so opening its URL directly cannot run its cells in the app's origin", async () => {
    const response = await api("files/spiral.html");
    expect(response.headers.get("content-security-policy")).toMatch(/sandbox/);
  });

  it("answers 404 with a JSON error naming the path when the file is missing", async () => {
    const response = await api("files/sub/nope.html");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "sub/nope.html: no such file" });
  });

  it("answers 400 naming the path when the path is a folder", async () => {
    const response = await api("files/sub");
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("sub: is a folder, not a file");
  });
});

describe("saving files", () => {
  async function load(path: string) {
    const response = await api(`files/${path}`);
    return { text: await response.text(), version: response.headers.get("x-exemplar-version")! };
  }

  it("saves over the version the page loaded and answers the new version", async () => {
    writeFileSync(join(root, "save.html"), notebook("before"));
    const { version } = await load("save.html");
    const response = await put("save.html", notebook("after"), { "X-Exemplar-Base-Version": version });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ version: sha256(notebook("after")) });
    expect(readFileSync(join(root, "save.html"), "utf8")).toBe(notebook("after"));
    expect((await load("save.html")).version).toBe(sha256(notebook("after")));
  });

  it("refuses with 409 and the version on disk when the file changed behind the page, and leaves the file alone", async () => {
    writeFileSync(join(root, "conflict.html"), notebook("loaded"));
    const { version } = await load("conflict.html");
    writeFileSync(join(root, "conflict.html"), notebook("changed in another editor"));
    const response = await put("conflict.html", notebook("from the page"), { "X-Exemplar-Base-Version": version });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: "conflict",
      version: sha256(notebook("changed in another editor")),
      message: "conflict.html: changed on disk since it was loaded; nothing was saved"
    });
    expect(readFileSync(join(root, "conflict.html"), "utf8")).toBe(notebook("changed in another editor"));
  });

  it("detects a change behind the page even when size and modified time stay the same", async () => {
    const file = join(root, "same-size.html");
    writeFileSync(file, notebook("AAAA"));
    const { version } = await load("same-size.html");
    const { mtime } = statSync(file);
    writeFileSync(file, notebook("BBBB"));
    utimesSync(file, mtime, mtime);
    const response = await put("same-size.html", notebook("CCCC"), { "X-Exemplar-Base-Version": version });
    expect(response.status).toBe(409);
    expect(readFileSync(file, "utf8")).toBe(notebook("BBBB"));
  });

  it("overwrites regardless with X-Exemplar-Force, the page's choice after a conflict", async () => {
    writeFileSync(join(root, "force.html"), notebook("theirs"));
    const response = await put("force.html", notebook("mine"), { "X-Exemplar-Base-Version": sha256("stale"), "X-Exemplar-Force": "1" });
    expect(response.status).toBe(200);
    expect(readFileSync(join(root, "force.html"), "utf8")).toBe(notebook("mine"));
  });

  it("reports a conflict with version null when the file was deleted behind the page", async () => {
    writeFileSync(join(root, "deleted.html"), notebook("soon gone"));
    const { version } = await load("deleted.html");
    rmSync(join(root, "deleted.html"));
    const response = await put("deleted.html", notebook("edited"), { "X-Exemplar-Base-Version": version });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: "conflict", version: null, message: "deleted.html: was deleted; nothing was saved" });
    expect(readdirSync(root)).not.toContain("deleted.html");
  });

  it("creates a new file and its parent folders with X-Exemplar-Create", async () => {
    const response = await put("new/folder/fresh.html", notebook("fresh"), { "X-Exemplar-Create": "1" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ version: sha256(notebook("fresh")) });
    expect(readFileSync(join(root, "new/folder/fresh.html"), "utf8")).toBe(notebook("fresh"));
  });

  it("refuses to create over an existing file with 409 and that file's version", async () => {
    const response = await put("spiral.html", notebook("impostor"), { "X-Exemplar-Create": "1" });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: "conflict", version: sha256(readFileSync(join(root, "spiral.html"))) });
    expect(readFileSync(join(root, "spiral.html"), "utf8")).toBe(notebook("Two spirals"));
  });

  it("lets exactly one of several saves over the same version win; the others get a conflict", async () => {
    writeFileSync(join(root, "race.html"), notebook("start"));
    const { version } = await load("race.html");
    const bodies = [1, 2, 3, 4, 5, 6].map((n) => notebook(`writer ${n}`));
    const responses = await Promise.all(bodies.map((body) => put("race.html", body, { "X-Exemplar-Base-Version": version })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(5);
    expect(readFileSync(join(root, "race.html"), "utf8")).toBe(bodies[statuses.indexOf(200)]);
  });

  it("asks for a base version or create header (428) and refuses a malformed version (400)", async () => {
    const missing = await put("spiral.html", "x", {});
    expect(missing.status).toBe(428);
    expect((await missing.json()).error).toMatch(/^spiral\.html: a save needs X-Exemplar-Base-Version/);
    const malformed = await put("spiral.html", "x", { "X-Exemplar-Base-Version": "abc" });
    expect(malformed.status).toBe(400);
    expect(readFileSync(join(root, "spiral.html"), "utf8")).toBe(notebook("Two spirals"));
  });

  it("writes CSV, TSV, JSON and tfjs model files (model.json and binary .bin weights) byte for byte", async () => {
    const weights = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
    const files: [string, string | Buffer][] = [
      ["data/points.csv", "x,y\n1,2\n"],
      ["data/points.tsv", "x\ty\n1\t2\n"],
      ["data/settings.json", '{"epochs":5}'],
      ["models/spiral/model.json", '{"format":"layers-model"}'],
      ["models/spiral/group1-shard1of1.bin", weights]
    ];
    for (const [path, body] of files) {
      const response = await put(path, body, { "X-Exemplar-Create": "1" });
      expect(response.status, path).toBe(200);
      expect(readFileSync(join(root, path))).toEqual(Buffer.from(body));
      const read = await api(`files/${path}`);
      expect(Buffer.from(await read.arrayBuffer())).toEqual(Buffer.from(body));
    }
  });

  it.each(["evil.js", "run.sh", "notes.txt", "sub/.hidden.html", ".env.json", "node_modules/pkg/index.json", "NOEXTENSION"])(
    "refuses with 403 to write %s, and writes nothing",
    async (path) => {
      const before = readdirSync(root, { recursive: true }).sort();
      const response = await put(path, "payload", { "X-Exemplar-Create": "1", "X-Exemplar-Force": "1" });
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatch(new RegExp(`^${path.replace(/\./g, "\\.")}: (only notebooks|hidden files|files under node_modules)`));
      expect(readdirSync(root, { recursive: true }).sort()).toEqual(before);
    }
  );

  it("keeps the saved file's permissions", async () => {
    writeFileSync(join(root, "private.html"), notebook("private"));
    chmodSync(join(root, "private.html"), 0o600);
    const { version } = await load("private.html");
    expect((await put("private.html", notebook("still private"), { "X-Exemplar-Base-Version": version })).status).toBe(200);
    expect(statSync(join(root, "private.html")).mode & 0o777).toBe(0o600);
  });

  it("answers 400 naming the path when a parent of the path is a file", async () => {
    const response = await put("spiral.html/inner.html", "x", { "X-Exemplar-Create": "1" });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("spiral.html/inner.html: a parent of this path is a file, not a folder");
  });

  it("refuses other methods on a file with 405 and Allow", async () => {
    const response = await api("files/spiral.html", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, PUT");
    expect(readdirSync(root)).toContain("spiral.html");
  });
});

describe("request size", () => {
  it("refuses a body declared larger than the limit with 413 and saves nothing", async () => {
    const response = await put("big.html", "x".repeat(5000), { "X-Exemplar-Create": "1" });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toBe("big.html: the request body is larger than the limit of 4096 bytes; nothing was saved");
    expect(readdirSync(root)).not.toContain("big.html");
  });

  it("refuses a chunked body that grows past the limit with 413 and saves nothing", async () => {
    const response = await rawRequest(server.port, {
      method: "PUT",
      path: "/api/files/chunked.html",
      headers: { "X-Exemplar-Create": "1" },
      body: "y".repeat(5000),
      chunked: true
    });
    expect(response.status).toBe(413);
    expect(readdirSync(root)).not.toContain("chunked.html");
  });

  it("accepts a chunked body within the limit", async () => {
    const response = await rawRequest(server.port, {
      method: "PUT",
      path: "/api/files/chunked-small.html",
      headers: { "X-Exemplar-Create": "1" },
      body: notebook("chunked"),
      chunked: true
    });
    expect(response.status).toBe(200);
    expect(readFileSync(join(root, "chunked-small.html"), "utf8")).toBe(notebook("chunked"));
  });
});

describe("symbolic links inside the root", () => {
  it("follows a link that stays inside the root, for reads and writes (the link's target is saved)", async () => {
    writeFileSync(join(root, "target.html"), notebook("target"));
    symlinkSync("target.html", join(root, "alias.html"));
    const read = await api("files/alias.html");
    expect(await read.text()).toBe(notebook("target"));
    const response = await put("alias.html", notebook("via alias"), { "X-Exemplar-Base-Version": read.headers.get("x-exemplar-version")! });
    expect(response.status).toBe(200);
    expect(readFileSync(join(root, "target.html"), "utf8")).toBe(notebook("via alias"));
  });
});

describe("clients and folders that misbehave", () => {
  it("keeps the file unchanged and goes on answering when a client hangs up in the middle of a save", async () => {
    writeFileSync(join(root, "hangup.html"), notebook("kept"));
    const socket = connect(server.port, "127.0.0.1");
    await new Promise((resolve) => socket.on("connect", resolve));
    socket.write(`PUT /api/files/hangup.html HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Exemplar-Force: 1\r\nContent-Length: 1000\r\n\r\n<notebook>half`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readFileSync(join(root, "hangup.html"), "utf8")).toBe(notebook("kept"));
    expect(readdirSync(root).filter((name) => name.startsWith(".hangup"))).toEqual([]);
    expect((await api("files/hangup.html")).status).toBe(200);
  });

  it("answers 404 naming the folder when the notebook folder was removed while the server runs", async () => {
    const missing = join(temporaryFolder(), "removed-folder");
    mkdirSync(missing);
    const other = await startFileApiServer(missing);
    rmSync(missing, { recursive: true });
    try {
      const response = await fetch(`${other.url}/api/notebooks`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: `the notebook folder ${missing} does not exist` });
    } finally {
      await other.close();
    }
  });
});

describe("the rest of the server", () => {
  it("answers every address outside its route table with a JSON 404, never a file or a page", async () => {
    for (const path of [`/@fs${root}/spiral.html`, "/@vite/client", "/src/app/main.ts", "/notebooks/spiral.html", "/spiral.html", "/api/files", "/assets/../spiral.html"]) {
      const response = await rawRequest(server.port, { path });
      expect(response.status, path).toBe(404);
      expect(response.headers["content-type"], path).toMatch(/^application\/json/);
      expect(response.body, path).not.toContain("<notebook>");
    }
  });
});
