// DuckDB headless: the cells of a notebook query one client at once, and every query answers.
import { describe, expect, it } from "vitest";
import { openNodeEngine } from "../../kernels/node/duckdb.ts";

describe("DuckDB in the Node kernel", () => {
  it("answers every query of a burst sent at once to one client, each with its own parameter", async () => {
    const engine = await openNodeEngine();
    try {
      await engine.query("CREATE TABLE t AS SELECT range AS x FROM range(10000)", []);
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => engine.query("SELECT count(*) AS n FROM t WHERE x >= ?", [i])));
      expect(answers.map(({ rows }) => Number(rows[0].n))).toEqual(Array.from({ length: 50 }, (_, i) => 10000 - i));
    } finally {
      engine.close();
    }
  });
});
