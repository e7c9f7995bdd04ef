// Trust kept by the server: by content hash, shipped notebooks from the generated list only, the
// record outside the notebook folder, and the routes that run something for a notebook (SQL, data
// loaders) refused for one whose bytes on disk now are not trusted.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTrusted, trust } from "../../src/app/trust.ts";
import { currentShippedList, listDifferences, readShippedList, REGENERATE } from "../../src/server/shipped-notebooks.ts";
import { openTrustRecord } from "../../src/server/trust-record.ts";
import { versionOf } from "../../src/server/versions.ts";
import { projectRoot } from "../helpers/notebooks.ts";
import { rawRequest, removeTemporaryFolders, startFileApiServer, temporaryFolder, type TestServer } from "./helpers.ts";

let root: string;
let server: TestServer;
const page = (input: string | URL | Request, init?: RequestInit) => fetch(new URL(String(input), server.url), init);
const notebook = "<!doctype html>\n<notebook>\n  <title>Sent by a colleague</title>\n  <script type=\"module\">1 + 1</script>\n</notebook>\n";
const spiral = readFileSync(join(projectRoot, "notebooks/spiral.html"));

beforeAll(async () => {
  root = temporaryFolder();
  writeFileSync(join(root, "sent.html"), notebook);
  writeFileSync(join(root, "spiral.html"), spiral);
  server = await startFileApiServer(root);
});

afterAll(async () => {
  await server?.close();
  removeTemporaryFolders();
});

describe("trust kept by the server", () => {
  it("is kept per file version: a new file is not trusted, the version trusted is, another version of the same file is not", async () => {
    const version = versionOf(Buffer.from(notebook));
    expect(await isTrusted(version, page)).toBe(false);
    await trust("sent.html", version, page);
    expect(await isTrusted(version, page)).toBe(true);
    expect(await isTrusted(versionOf(Buffer.from(`${notebook}\n`)), page)).toBe(false);
    expect(await isTrusted("", page)).toBe(false);
  });

  it("is recorded in the user's state file, not in the notebook folder, and survives a restart", async () => {
    const version = versionOf(Buffer.from("<notebook>kept</notebook>"));
    await trust("kept.html", version, page);
    expect(JSON.parse(readFileSync(server.trust.file, "utf8"))[version]).toMatchObject({ path: "kept.html" });
    expect(server.trust.file.startsWith(root)).toBe(false);
    expect(await openTrustRecord(server.trust.file).trustOf(version)).toBe("recorded");
  });

  it("trusts the shipped notebooks by the generated list of their hashes", async () => {
    expect(await (await page(`/api/trust?version=${versionOf(spiral)}`)).json()).toEqual({ trusted: "shipped" });
  });

  it("refuses a trust request that is not JSON (a form another site posts) or names no version", async () => {
    const form = await page("/api/trust", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "version=x" });
    expect(form.status).toBe(415);
    const noVersion = await page("/api/trust", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ path: "a.html" }) });
    expect(noVersion.status).toBe(400);
    const foreign = await rawRequest(server.port, {
      method: "POST",
      path: "/api/trust",
      headers: { Origin: "https://attacker.example", "Content-Type": "application/json" },
      body: JSON.stringify({ path: "sent.html", version: versionOf(Buffer.from("<notebook>evil</notebook>")) })
    });
    expect(foreign.status).toBe(403);
    expect(await isTrusted(versionOf(Buffer.from("<notebook>evil</notebook>")), page)).toBe(false);
  });
});

describe("routes that run something for a notebook", () => {
  it("refuse a notebook that is not trusted as it is on disk now, and pass one that is", async () => {
    writeFileSync(join(root, "query.html"), "<notebook><title>query</title></notebook>\n");
    const untrusted = await page("/api/sql?notebook=query.html", { method: "POST", body: "{}" });
    expect(untrusted.status).toBe(403);
    expect((await untrusted.json()).error).toMatch(/^query\.html: this notebook is not trusted as it is now/);
    await trust("query.html", versionOf(readFileSync(join(root, "query.html"))), page);
    // Past the trust check, the route reads the query: an empty one is refused as such.
    const trusted = await page("/api/sql?notebook=query.html", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(trusted.status).toBe(400);
    expect((await trusted.json()).error).toMatch(/^\/api\/sql: send \{database, strings, params\}/);
    // Edited on disk after it was trusted: asks again.
    writeFileSync(join(root, "query.html"), "<notebook><title>query, edited elsewhere</title></notebook>\n");
    expect((await page("/api/sql?notebook=query.html", { method: "POST", body: "{}" })).status).toBe(403);
    expect((await page("/api/loader?notebook=query.html", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status).toBe(403);
  });

  it("need the notebook named, inside the root", async () => {
    expect((await page("/api/sql", { method: "POST" })).status).toBe(400);
    expect((await page("/api/sql?notebook=../outside.html", { method: "POST" })).status).toBe(400);
    expect((await page("/api/sql?notebook=missing.html", { method: "POST" })).status).toBe(404);
  });
});

describe("the list of shipped notebooks", () => {
  it("matches notebooks/ byte for byte (else: npm run shipped-notebooks)", async () => {
    expect(listDifferences(await readShippedList(), await currentShippedList())).toEqual([]);
  });

  it("names each difference, and the check prints the command that regenerates the list", async () => {
    expect(listDifferences({ "a.html": "1", "gone.html": "2" }, { "a.html": "3", "new.html": "4" })).toEqual([
      "notebooks/a.html changed since the list was made",
      "notebooks/new.html is not on the list",
      "notebooks/gone.html is on the list but not in notebooks/"
    ]);
    expect(REGENERATE).toBe("npm run shipped-notebooks");
  });
});

