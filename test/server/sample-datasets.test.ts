// Kit's sample datasets over the app server: the installed package's exported files by exact name,
// and nothing else of it or of node_modules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_DATASETS } from "../../src/runtime/stdlib/sample-datasets.ts";
import { rawRequest, removeTemporaryFolders, startFileApiServer, temporaryFolder, type TestServer } from "./helpers.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startFileApiServer(temporaryFolder());
});

afterAll(async () => {
  await server?.close();
  removeTemporaryFolders();
});

describe("GET /api/sample-datasets/", () => {
  it("answers every dataset Kit names, CSV as text/csv and miserables as JSON", async () => {
    for (const file of Object.values(SAMPLE_DATASETS)) {
      const response = await fetch(new URL(`/api/sample-datasets/${file}`, server.url));
      expect(response.status, file).toBe(200);
      expect(response.headers.get("content-type"), file).toBe(file.endsWith(".json") ? "application/json; charset=utf-8" : "text/csv; charset=utf-8");
    }
    const penguins = await (await fetch(new URL("/api/sample-datasets/penguins.csv", server.url))).text();
    expect(penguins.split("\n")[0]).toBe("species,island,culmen_length_mm,culmen_depth_mm,flipper_length_mm,body_mass_g,sex");
  });

  it("answers 404 for any other name: the package's own files, a path out of it, an encoded one", async () => {
    for (const rest of ["package.json", "README.md", "../../package.json", "..%2F..%2Fpackage.json", "%2e%2e/%2e%2e/package.json", "penguins.csv/..", "Penguins.csv", "%E0%A4%A"]) {
      const response = await rawRequest(server.port, { path: `/api/sample-datasets/${rest}` });
      expect(response.status, rest).toBe(404);
      expect(response.body, rest).not.toMatch(/"name":|ISC/);
    }
  });
});
