import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, removeTemporaryFolders, startFileApiServer, temporaryFolder, type TestServer } from "./helpers.ts";

let root: string;
let server: TestServer;
let strictServer: TestServer;
const original = "<notebook><title>original</title></notebook>\n";

beforeAll(async () => {
  root = join(temporaryFolder(), "notebooks");
  mkdirSync(root);
  writeFileSync(join(root, "spiral.html"), original);
  server = await startFileApiServer(root, { hosts: ["exemplar.test"] });
  strictServer = await startFileApiServer(root);
});

afterAll(async () => {
  await server?.close();
  await strictServer?.close();
  removeTemporaryFolders();
});

const write = (target: TestServer, headers: Record<string, string | undefined>) =>
  rawRequest(target.port, { method: "PUT", path: "/api/files/spiral.html", headers: { "X-Exemplar-Force": "1", ...headers }, body: "<notebook>pwned</notebook>" });
const read = (target: TestServer, headers: Record<string, string | undefined>) => rawRequest(target.port, { path: "/api/files/spiral.html", headers });

describe("requests addressed to the app itself", () => {
  it("answers reads addressed to 127.0.0.1, localhost, [::1] or the configured host on its own port", async () => {
    for (const name of ["127.0.0.1", "localhost", "[::1]", "exemplar.test"]) {
      const response = await read(server, { Host: `${name}:${server.port}` });
      expect(response.status, name).toBe(200);
      expect(response.body).toBe(original);
    }
  });

  it("accepts a write from the app's own page (Origin of the app)", async () => {
    const response = await rawRequest(server.port, {
      method: "PUT",
      path: "/api/files/own-origin.html",
      headers: { "X-Exemplar-Create": "1", Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` },
      body: original
    });
    expect(response.status).toBe(200);
    expect(readFileSync(join(root, "own-origin.html"), "utf8")).toBe(original);
  });
});

describe("requests from elsewhere (DNS rebinding, other sites)", () => {
  const foreignHosts = (port: () => number): [string, () => string | undefined][] => [
    ["a rebinding domain on the app's port", () => `attacker.example:${port()}`],
    ["a loopback name on another port", () => `127.0.0.1:${port() + 1}`],
    ["a loopback name without the port", () => "localhost"],
    ["a LAN address on the app's port", () => `192.168.1.20:${port()}`],
    ["the wildcard address", () => `0.0.0.0:${port()}`],
    ["user info before the host", () => `attacker.example@127.0.0.1:${port()}`],
    ["no Host header", () => undefined]
  ];

  for (const [label, target] of [
    ["with Vite's host check", () => server],
    ["with Vite's host check switched off", () => strictServer]
  ] as const) {
    describe(label, () => {
      it.each(foreignHosts(() => target().port))("refuses reads and writes addressed to %s, and changes nothing", async (_, host) => {
        const readResponse = await read(target(), { Host: host() });
        expect(readResponse.status).toBeGreaterThanOrEqual(400);
        expect(readResponse.status).toBeLessThan(500);
        expect(readResponse.body).not.toContain("original");
        const writeResponse = await write(target(), { Host: host() });
        expect(writeResponse.status).toBeGreaterThanOrEqual(400);
        expect(writeResponse.status).toBeLessThan(500);
        const listResponse = await rawRequest(target().port, { path: "/api/notebooks", headers: { Host: host() } });
        expect(listResponse.body).not.toContain("spiral.html");
        expect(readFileSync(join(root, "spiral.html"), "utf8")).toBe(original);
      });
    });
  }

  it("refuses a foreign Host with a JSON 403 that says why, even with Vite's host check off", async () => {
    const response = await read(strictServer, { Host: `attacker.example:${strictServer.port}` });
    expect(response.status).toBe(403);
    expect(response.json().error).toBe(`Host "attacker.example:${strictServer.port}" is not this server (expected 127.0.0.1, localhost, [::1]); request refused`);
  });

  it.each([
    ["another site", () => "http://attacker.example"],
    ["a rebinding domain on the app's port", () => `http://attacker.example:${server.port}`],
    ["the app's name on another port", () => `http://127.0.0.1:${server.port + 1}`],
    ["an opaque origin", () => "null"]
  ])("refuses writes whose Origin is %s, with 403, and changes nothing", async (_, origin) => {
    const response = await write(server, { Origin: origin() });
    expect(response.status).toBe(403);
    expect(response.json().error).toMatch(/^Origin ".*" is not a page of this server; request refused$/);
    expect(readFileSync(join(root, "spiral.html"), "utf8")).toBe(original);
    expect(readdirSync(root).filter((name) => name.includes("exemplar-"))).toEqual([]);
  });

  it("refuses reads requested by another site's page", async () => {
    const response = await read(server, { Origin: "http://attacker.example" });
    expect(response.status).toBe(403);
    expect(response.body).not.toContain("original");
  });
});
