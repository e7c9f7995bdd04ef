// SQL cells and data loaders on the server side: only for a trusted notebook, Kit's cache files,
// clear errors for a database or interpreter that is not there.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDataLoader } from "../../src/server/data-loaders.ts";
import type { TrustCheck } from "../../src/server/notebook-trust.ts";
import { runSqlCell } from "../../src/server/sql-cells.ts";
import { versionOf } from "../../src/server/versions.ts";
import { removeTemporaryFolders, temporaryFolder } from "./helpers.ts";

let root: string;
const NOTEBOOK = "<notebook><title>Q</title></notebook>\n";

beforeAll(() => {
  root = temporaryFolder("exemplar-sql-");
  mkdirSync(join(root, "lessons"));
  writeFileSync(join(root, "lessons", "q.html"), NOTEBOOK);
  writeFileSync(join(root, "lessons", "cars.csv"), "name,mpg\ncivic,36\nprius,50\n");
});

afterAll(() => removeTemporaryFolders());

const query = (strings: string[], ...params: unknown[]) => ({ root, notebook: "lessons/q.html", database: "duckdb", strings, params });

describe("SQL cells on the server", () => {
  it("run only for a notebook whose current bytes are trusted", async () => {
    const trust = memoryTrustRecord();
    await expect(runSqlCell(query(["SELECT 1 AS one"]), trust)).rejects.toThrow("lessons/q.html is not trusted in its current version");
    trust.record("lessons/q.html", versionOf(Buffer.from(NOTEBOOK)));
    expect((await runSqlCell(query(["SELECT 1 AS one"]), trust)).rows).toEqual([{ one: 1 }]);
    writeFileSync(join(root, "lessons", "q.html"), NOTEBOOK.replace("Q", "Changed"));
    await expect(runSqlCell(query(["SELECT 1 AS one"]), trust)).rejects.toThrow(/not trusted/);
    writeFileSync(join(root, "lessons", "q.html"), NOTEBOOK);
  });

  it("read files by names relative to the notebook, cache the result under Kit's name, and read the cache next time", async () => {
    const first = await runSqlCell(query(["SELECT name FROM 'cars.csv' WHERE mpg > ", " ORDER BY name"], 40));
    expect(first).toMatchObject({ rows: [{ name: "prius" }], cached: false, cachePath: expect.stringMatching(/^\.observable\/cache\/duckdb-[0-9a-z]{16}\.json$/) });
    expect(existsSync(join(root, "lessons", first.cachePath))).toBe(true);
    expect(await runSqlCell(query(["SELECT name FROM 'cars.csv' WHERE mpg > ", " ORDER BY name"], 40))).toMatchObject({ cached: true, rows: [{ name: "prius" }] });
  });

  it("say which database is unknown, and never download a DuckDB extension", async () => {
    await expect(runSqlCell({ ...query(["SELECT 1"]), database: "warehouse" })).rejects.toThrow('warehouse: no database named "warehouse": configure it in .observable/databases.json');
    await expect(runSqlCell(query(["SELECT * FROM read_csv('https://example.com/x.csv')"]))).rejects.toThrow(/httpfs/);
  });
});

describe("data loaders on the server", () => {
  const loader = (mode: string, source: string, format?: string) => ({ root, notebook: "lessons/q.html", mode, source, format });

  it("write the interpreter's output under Kit's cache name and run again only for a changed cell", async () => {
    const source = "process.stdout.write(JSON.stringify({at: Date.now()}))";
    const first = await runDataLoader(loader("node", source, "json"));
    expect(first).toEqual({ path: expect.stringMatching(/^\.observable\/cache\/node-[0-9a-z]{16}\.json$/), cached: false });
    expect(await runDataLoader(loader("node", source, "json"))).toEqual({ ...first, cached: true });
    expect((await runDataLoader(loader("node", `${source};`, "json"))).path).not.toBe(first.path);
  });

  it("a failing loader leaves no cache and says why; a missing interpreter is named; a loader past its time is stopped", async () => {
    const before = readdirSync(join(root, "lessons", ".observable", "cache")).length;
    await expect(runDataLoader(loader("node", "throw new TypeError('no rows today')"))).rejects.toThrow(/exited with 1: TypeError: no rows today/);
    await expect(runDataLoader(loader("node", "for (;;) {}"), undefined, { timeoutMs: 500 })).rejects.toThrow("stopped after 0.5 s");
    expect(readdirSync(join(root, "lessons", ".observable", "cache"))).toHaveLength(before);
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      await expect(runDataLoader(loader("python", "print(1)"))).rejects.toThrow("python3 not found: install it to run this data loader");
    } finally {
      process.env.PATH = path;
    }
  });

  it("run only for a trusted notebook", async () => {
    await expect(runDataLoader(loader("node", "console.log(1)"), memoryTrustRecord())).rejects.toThrow(/not trusted/);
  });
});

/** A record of trusted versions kept in memory, as the server's record answers for one notebook. */
function memoryTrustRecord(): TrustCheck & { record(path: string, version: string): void } {
  const trusted = new Set<string>();
  return {
    record: (path, version) => void trusted.add(`${path}\n${version}`),
    isTrusted: (path, version) => trusted.has(`${path}\n${version}`)
  };
}
