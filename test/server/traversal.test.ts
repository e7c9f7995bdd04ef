// Every way we know to name a file outside the root, raw and encoded, for reads and for writes.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, removeTemporaryFolders, snapshot, startFileApiServer, temporaryFolder, type TestServer } from "./helpers.ts";

const SECRET = "TOP SECRET: outside the notebook folder";
let base: string;
let root: string;
let server: TestServer;

beforeAll(async () => {
  base = temporaryFolder();
  root = join(base, "notebooks");
  mkdirSync(join(root, "sub"), { recursive: true });
  mkdirSync(join(base, "outside"));
  writeFileSync(join(base, "secret.html"), SECRET);
  writeFileSync(join(base, "outside/secret.html"), SECRET);
  writeFileSync(join(root, "spiral.html"), "<notebook><title>inside</title></notebook>\n");
  symlinkSync("../outside", join(root, "out-dir"));
  symlinkSync("../outside/secret.html", join(root, "out-file.html"));
  symlinkSync(join(base, "outside"), join(root, "sub/absolute-out"));
  symlinkSync("../outside/ghost.html", join(root, "dangling.html"));
  symlinkSync("..", join(root, "parent"));
  server = await startFileApiServer(root);
});

afterAll(async () => {
  await server?.close();
  removeTemporaryFolders();
});

type Variant = [label: string, path: () => string, status: number, reason: RegExp | null];
const bad = (label: string, path: string, reason: RegExp): Variant => [label, () => path, 400, reason];

// The path after /api/files/, sent byte for byte.
const variants: Variant[] = [
  bad("raw ..", "../secret.html", /"\.\." is not allowed/),
  bad("raw .. after a folder", "sub/../../secret.html", /"\.\." is not allowed/),
  bad("raw .. at the end", "sub/..", /"\.\." is not allowed/),
  bad("raw . segment", "./spiral.html", /"\." is not allowed/),
  ["raw absolute path (double slash)", () => `/${base}/secret.html`.replace("//", "/"), 400, /absolute paths/],
  bad("raw backslash ..\\", "..\\secret.html", /backslashes/),
  bad("raw backslash absolute", "\\etc\\passwd", /backslashes/),
  bad("encoded %2e%2e", "%2e%2e/secret.html", /"\.\." is not allowed/),
  bad("encoded %2E%2E (upper case)", "%2E%2E/secret.html", /"\.\." is not allowed/),
  bad("half encoded .%2e", ".%2e/secret.html", /"\.\." is not allowed/),
  bad("half encoded %2e.", "%2e./secret.html", /"\.\." is not allowed/),
  bad("encoded .. after a folder", "sub/%2e%2e/%2e%2e/secret.html", /"\.\." is not allowed/),
  bad("encoded slash ..%2f", "..%2fsecret.html", /encoded slashes/),
  bad("fully encoded %2e%2e%2f", "%2e%2e%2fsecret.html", /encoded slashes/),
  ["encoded absolute path %2f", () => `${base}/secret.html`.replaceAll("/", "%2F"), 400, /encoded slashes/],
  bad("encoded backslash ..%5c", "..%5csecret.html", /backslashes/),
  bad("double-encoded %252e%252e", "%252e%252e/secret.html", /encoded twice/),
  bad("double-encoded slash ..%252f", "..%252fsecret.html", /encoded twice/),
  bad("double-encoded %252e%252e%252f", "%252e%252e%252fsecret.html", /encoded twice/),
  bad("double-encoded backslash ..%255c", "..%255csecret.html", /encoded twice/),
  bad("triple-encoded %25252e%25252e", "%25252e%25252e/secret.html", /encoded twice/),
  bad("encoded NUL %00", "../secret.html%00.html", /NUL/),
  bad("overlong UTF-8 dots %c0%ae", "%c0%ae%c0%ae/secret.html", /not valid percent-encoded UTF-8/),
  bad("overlong UTF-8 slash %c0%af", "..%c0%afsecret.html", /not valid percent-encoded UTF-8/),
  bad("three-byte overlong dots %e0%80%ae", "%e0%80%ae%e0%80%ae/secret.html", /not valid percent-encoded UTF-8/),
  bad("drive letter", "C:/secret.html", /drive letters/),
  bad("encoded control character", "..%0a/secret.html", /control characters/),
  ["symlinked folder leading out", () => "out-dir/secret.html", 403, /leads outside the notebook folder/],
  ["symlinked file leading out", () => "out-file.html", 403, /leads outside the notebook folder/],
  ["absolute symlink leading out", () => "sub/absolute-out/secret.html", 403, /leads outside the notebook folder/],
  ["symlink to the root's parent", () => "parent/secret.html", 403, /leads outside the notebook folder/],
  ["dangling symlink pointing out", () => "dangling.html", 403, /symbolic link to a missing file/],
  ["new file beneath a symlinked folder leading out", () => "out-dir/new/deeper.html", 403, /leads outside the notebook folder/]
];

describe.each(["GET", "PUT"])("%s never reaches outside the root", (method) => {
  it.each(variants)(`refuses ${method} through %s`, async (_, path, status, reason) => {
    const before = snapshot(base);
    const response = await rawRequest(server.port, {
      method,
      path: `/api/files/${path()}`,
      headers: method === "PUT" ? { "X-Exemplar-Force": "1" } : {},
      body: method === "PUT" ? "<notebook>overwritten</notebook>" : undefined
    });
    expect(response.status).toBe(status);
    expect(response.body).not.toContain("TOP SECRET");
    expect(response.json().error).toMatch(reason!);
    expect(snapshot(base)).toEqual(before);
  });

  it(`refuses ${method} with a raw NUL byte in the path (Node's parser stops it before the API)`, async () => {
    const before = snapshot(base);
    const response = await rawRequest(server.port, { method, path: "/api/files/spiral.html\0/../../secret.html", body: method === "PUT" ? "x" : undefined });
    expect(response.status).toBe(400);
    expect(response.body).not.toContain("TOP SECRET");
    expect(snapshot(base)).toEqual(before);
  });
});

describe("after every refused request", () => {
  it("the server still answers, and the files inside the root are still served", async () => {
    const response = await rawRequest(server.port, { path: "/api/files/spiral.html" });
    expect(response.status).toBe(200);
    expect(response.body).toContain("inside");
  });
});
