// Opening a notebook nobody trusted yet runs none of it, in a real Chromium: its code and its
// Markdown show (interpolations as source), no cell writes to storage or makes a request, and
// "Trust and run" runs it. Trust follows the file's bytes: a file changed on disk asks again, a
// file saved from a trusted page stays trusted, a notebook made in the app and a shipped one run.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { writeNotebook } from "./helpers/files.ts";
import { cell, editor, editorText, openNotebook, output, screenshot, waitForOutput, waitForStatus } from "./helpers/page.ts";
import { useApp } from "./helpers/app.ts";

const app = useApp({ pagePerTest: true });
let requests: string[];

const CELLS = [
  { id: 1, mode: "md" as const, value: "# A shared notebook\n\nThe answer is **${answer}**.\n\n![a tracking pixel](/beacon?from=markdown)" },
  { id: 2, mode: "js" as const, value: 'localStorage.setItem("exemplar-test-ran", "cell 2");\nfetch("/beacon?from=cell");' },
  { id: 3, mode: "js" as const, value: "const answer = 6 * 7;" },
  { id: 4, mode: "html" as const, value: '<img src="/beacon?from=html">' }
];

beforeEach(async () => {
  requests = [];
  app.page.on("request", (request) => requests.push(request.url()));
  return async () => {
    await app.page.evaluate(() => localStorage.removeItem("exemplar-test-ran")).catch(() => undefined);
  };
});

const ran = () => app.page.evaluate(() => localStorage.getItem("exemplar-test-ran"));
const beacons = () => requests.filter((url) => url.includes("/beacon"));
const asked = () => app.page.locator('[data-banner="trust"]').count();

describe("trusting a notebook before it runs", () => {
  it("a notebook nobody trusted runs no cell: its code and Markdown show, interpolations as source, and running is refused", async () => {
    writeNotebook(app.server.root, "theirs.html", "Theirs", CELLS);
    await openNotebook(app.page, app.server.url, "theirs.html", { trust: false });
    expect(await asked()).toBe(1);
    expect(await editorText(app.page, 2)).toContain('localStorage.setItem("exemplar-test-ran"');
    expect(await cell(app.page, 4).locator(".cm-editor").isVisible()).toBe(true);
    expect(await output(app.page, 1).locator("h1").textContent()).toBe("A shared notebook");
    expect(await output(app.page, 1).locator("p").first().textContent()).toBe("The answer is ${answer}.");
    expect(await output(app.page, 1).locator("code.interpolation").textContent()).toBe("${answer}");
    expect(await output(app.page, 4).count()).toBe(1);
    expect(await output(app.page, 4).locator("img").count()).toBe(0);
    await screenshot(app.page, "trust-untrusted");

    // Every way to run is refused: Shift-Enter in a cell, and Run all.
    await editor(app.page, 2).click();
    await app.page.keyboard.press("Shift+Enter");
    await app.page.locator('[data-banner="trust"][data-attention]').waitFor();
    await app.page.getByRole("button", { name: "Run all" }).click();
    await app.page.getByRole("button", { name: "Restart" }).click();
    await app.page.waitForLoadState("networkidle");
    expect(await ran()).toBeNull();
    expect(beacons()).toEqual([]);
    expect(await app.page.locator("[data-cell-id][data-status]:not([data-status=\"pending\"])").count()).toBe(0);
  });

  it("Trust and run runs every cell, and the same file opens trusted next time", async () => {
    writeNotebook(app.server.root, "theirs.html", "Theirs", CELLS);
    await openNotebook(app.page, app.server.url, "theirs.html", { trust: false });
    await app.page.getByRole("button", { name: "Trust and run" }).click();
    await waitForOutput(app.page, 1, /The answer is 42\./);
    expect(await ran()).toBe("cell 2");
    expect(await asked()).toBe(0);
    expect(await app.page.locator(".notebook-page[data-untrusted]").count()).toBe(0);

    await app.page.evaluate(() => localStorage.removeItem("exemplar-test-ran"));
    await openNotebook(app.page, app.server.url, "theirs.html", { trust: false });
    expect(await asked()).toBe(0);
    await waitForStatus(app.page, 2, "fulfilled");
    expect(await ran()).toBe("cell 2");
  });

  it("a trusted file changed on disk asks again, and runs nothing until trusted", async () => {
    writeNotebook(app.server.root, "changing.html", "Changing", CELLS);
    await openNotebook(app.page, app.server.url, "changing.html");
    await waitForStatus(app.page, 2, "fulfilled");
    await app.page.evaluate(() => localStorage.removeItem("exemplar-test-ran"));

    writeNotebook(app.server.root, "changing.html", "Changing", [...CELLS, { id: 5, mode: "js", value: "answer + 1" }]);
    await openNotebook(app.page, app.server.url, "changing.html", { trust: false });
    expect(await asked()).toBe(1);
    await app.page.waitForLoadState("networkidle");
    expect(await ran()).toBeNull();
  });

  it("trust covers the local modules a notebook imports: a changed module asks again, and one changed while the page runs is refused", async () => {
    mkdirSync(join(app.server.root, "lib"), { recursive: true });
    mkdirSync(join(app.server.root, "lessons"), { recursive: true });
    const helper = join(app.server.root, "lib", "helper.js");
    writeFileSync(helper, "export const answer = 42;\n");
    writeNotebook(app.server.root, "lessons/uses-helper.html", "Uses a helper", [{ id: 1, mode: "js", value: 'import {answer} from "../lib/helper.js";' }, { id: 2, mode: "js", value: "answer + 1" }]);
    await openNotebook(app.page, app.server.url, "lessons/uses-helper.html");
    await waitForOutput(app.page, 2, /^43$/);
    await openNotebook(app.page, app.server.url, "lessons/uses-helper.html", { trust: false });
    expect(await asked()).toBe(0);
    await waitForOutput(app.page, 2, /^43$/);

    writeFileSync(helper, "export const answer = 41;\n");
    await openNotebook(app.page, app.server.url, "lessons/uses-helper.html", { trust: false });
    expect(await asked()).toBe(1);
    await app.page.getByRole("button", { name: "Trust and run" }).click();
    await waitForOutput(app.page, 2, /^42$/);

    writeFileSync(helper, "export const answer = 0;\n");
    await app.page.getByRole("button", { name: "Restart" }).click();
    await waitForOutput(app.page, 1, /lib\/helper\.js changed on disk since this notebook was trusted/);
  });

  it("the server runs a notebook's SQL and data loaders only for the version the page trusted and runs", async () => {
    writeNotebook(app.server.root, "queries.html", "Queries", [{ id: 1, mode: "sql", database: "duckdb", value: "SELECT 6 * 7 AS answer" }]);
    const post = (route: string, body: object) => fetch(new URL(`${route}?notebook=queries.html`, app.server.url), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const query = { database: "duckdb", strings: ["SELECT 6 * 7 AS answer"], params: [] };
    const refused = await post("/api/sql", query);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/^queries\.html: this notebook is not trusted as it is now/);
    expect((await post("/api/loader", { mode: "node", source: "console.log(1)" })).status).toBe(403);

    await openNotebook(app.page, app.server.url, "queries.html", { trust: false });
    await app.page.getByRole("button", { name: "Trust and run" }).click();
    await waitForOutput(app.page, 1, /answer\s*42/);
    expect((await (await post("/api/sql", query)).json()).rows).toEqual([{ answer: 42 }]);
  });

  it("a file saved from a trusted page stays trusted: it reopens and runs without asking", async () => {
    writeNotebook(app.server.root, "mine.html", "Mine", CELLS);
    await openNotebook(app.page, app.server.url, "mine.html");
    await editor(app.page, 3).click();
    await app.page.keyboard.press("Control+End");
    await app.page.keyboard.insertText(" // checked");
    await app.page.keyboard.press("Control+s");
    await app.page.waitForSelector('[data-save-state="saved"]');
    expect(readFileSync(join(app.server.root, "mine.html"), "utf8")).toContain("const answer = 6 * 7; // checked");
    await app.page.evaluate(() => localStorage.removeItem("exemplar-test-ran"));

    await openNotebook(app.page, app.server.url, "mine.html", { trust: false });
    expect(await asked()).toBe(0);
    await waitForStatus(app.page, 2, "fulfilled");
    expect(await ran()).toBe("cell 2");
  });

  it("a notebook made with New notebook, and a notebook as shipped, run without asking", async () => {
    await app.page.goto(app.server.url);
    await app.page.getByLabel("File name of the new notebook").fill("made here");
    await app.page.getByRole("button", { name: "New notebook" }).click();
    await app.page.waitForURL(/notebook=made%20here\.html/);
    await waitForStatus(app.page, 1, "fulfilled");
    expect(await asked()).toBe(0);

    await openNotebook(app.page, app.server.url, "rule-vs-model.html", { trust: false });
    expect(await asked()).toBe(0);
    await waitForStatus(app.page, 1, "fulfilled");
  });
});
