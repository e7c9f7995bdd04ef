// A SQL cell on a real PostgreSQL: Kit's connector, settings in .observable/databases.json beside
// the notebook, a table this test created, `${…}` values as parameters, the result cached.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type Postgres } from "../helpers/postgres.ts";
import { loadNotebook } from "../helpers/notebooks.ts";
import { removeTemporaryFolders, temporaryFolder } from "./helpers.ts";

let server: Postgres;
let folder: string;

beforeAll(async () => {
  server = await startPostgres();
  const sql = postgres({ host: server.host, port: server.port, username: server.username, database: server.database });
  try {
    await sql`CREATE TABLE cars (name text, mpg real, cylinders int8)`;
    await sql`INSERT INTO cars VALUES ('civic', 36, 4), ('mustang', 18, 8), ('prius', 50, 4), ('o''brien', 22, 6)`;
  } finally {
    await sql.end();
  }
  folder = temporaryFolder("exemplar-pg-");
  mkdirSync(join(folder, ".observable"));
  const { host, port, username, database } = server;
  writeFileSync(join(folder, ".observable", "databases.json"), JSON.stringify({ pg: { type: "postgres", host, port, username, database } }));
});

afterAll(() => {
  server?.stop();
  removeTemporaryFolders();
});

const sqlCell = (id: number, output: string, query: string) => `  <script id="${id}" type="application/sql" pinned="" database="pg" output="${output}">\n    ${query}\n  </script>\n`;

describe("a SQL cell on PostgreSQL", () => {
  it("queries the table through the database configured beside the notebook; values stay parameters; results are cached", async () => {
    const file = join(folder, "cars.html");
    writeFileSync(
      file,
      `<!doctype html>\n<notebook theme="air">\n  <title>Cars</title>\n  <script id="1" type="module" pinned="">\n    const minimum = 20, name = "o'brien";\n  </script>\n` +
        sqlCell(2, "thrifty", "SELECT name, mpg, cylinders FROM cars WHERE mpg > ${minimum} ORDER BY mpg DESC") +
        sqlCell(3, "quoted", "SELECT count(*) AS n FROM cars WHERE name = ${name}") +
        sqlCell(4, "injected", "SELECT count(*) AS n FROM cars WHERE name = ${\"x' OR '1'='1\"}") +
        sqlCell(5, "missing", "SELECT * FROM no_such_table") +
        `</notebook>\n`
    );
    const { kernel, runtime } = await loadNotebook(file);
    try {
      await runtime.settled();
      expect(runtime.report(2)?.value).toEqual([
        { name: "prius", mpg: 50, cylinders: 4 },
        { name: "civic", mpg: 36, cylinders: 4 },
        { name: "o'brien", mpg: 22, cylinders: 6 }
      ]);
      expect(runtime.report(3)?.value).toEqual([{ n: 1 }]);
      expect(runtime.report(4)?.value).toEqual([{ n: 0 }]);
      expect(runtime.report(5)?.error?.message).toBe('pg: relation "no_such_table" does not exist');
    } finally {
      kernel.dispose();
    }
    expect(readdirSync(join(folder, ".observable", "cache")).filter((name) => name.startsWith("pg-"))).toHaveLength(3);
    expect(existsSync(join(folder, ".observable", "databases.json"))).toBe(true);
  });
});
