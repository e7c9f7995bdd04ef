// `exemplar build` of a shipped notebook, served by a plain static file server and opened in a
// real Chromium: every cell fulfils, the training comes from the exported weights (no retraining),
// and no request goes anywhere but that server.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNotebookSite, type BuildResult } from "../../kernels/node/build.ts";
import { projectRoot } from "../helpers/notebooks.ts";
import { launchChromium, type TestBrowser } from "./helpers/browser.ts";
import { pageErrors, screenshot } from "./helpers/page.ts";
import { serveFolder, type StaticServer } from "./helpers/static-server.ts";

let work: string;
let built: BuildResult;
let site: StaticServer;
let browser: TestBrowser;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "exemplar-export-"));
  // A copy, so the build's headless run trains into a cache of its own; with a module beside it,
  // which the export carries (and its own imports: a local one and a package).
  const spiral = await readFile(join(projectRoot, "notebooks/spiral.html"), "utf8");
  const moduleCells = '  <script id="90" type="module">\n    import {caption} from "./lib/caption.js";\n  </script>\n  <script id="91" type="module">\n    caption("two spirals")\n  </script>\n' +
    // A SQL result and a data loader's output travel with the export, as Kit's build bakes them in.
    '  <script id="92" type="application/sql" database="duckdb" output="answer">\n    SELECT 6 * 7 AS answer\n  </script>\n' +
    '  <script id="93" type="application/vnd.node.javascript" output="loaded" format="json">\n    console.log(JSON.stringify({loaded: "by node"}))\n  </script>\n' +
    // TeX loads KaTeX, its stylesheet and the fonts it names, on demand.
    '  <script id="94" type="application/x-tex">\n    E = mc^2\n  </script>\n' +
    // One of Kit's sample datasets: the build copies it beside the page.
    '  <script id="95" type="module">\n    `${penguins.length} penguins`\n  </script>\n';
  await writeFile(join(work, "spiral.html"), spiral.replace("</notebook>", `${moduleCells}</notebook>`));
  await mkdir(join(work, "lib"));
  await writeFile(join(work, "lib", "caption.js"), 'import {format} from "npm:d3";\nimport {suffix} from "./suffix.js";\nexport const caption = (text) => `${text} ${format(".0%")(1)}${suffix}`;\n');
  await writeFile(join(work, "lib", "suffix.js"), 'export const suffix = " (from a module)";\n');
  [built, browser] = await Promise.all([buildNotebookSite(join(work, "spiral.html"), { out: join(work, "site") }), launchChromium()]);
  console.log(`exemplar build spiral.html: ${built.ms.total} ms (headless run ${built.ms.run} ms, page ${built.ms.page} ms), ${(built.bytes / 1048576).toFixed(1)} MB`);
  site = await serveFolder(built.out);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await rm(work, { recursive: true, force: true });
});

describe("a notebook exported as a static site", () => {
  it("holds the page, the notebook and the weights its training used, and leaves out what no cell uses", async () => {
    expect(built.run.ok).toBe(true);
    expect(built.manifest).toMatchObject({ source: "spiral.html", title: "Two spirals", files: expect.arrayContaining(["lib/caption.js", "lib/suffix.js"]) });
    expect(built.manifest.files.filter((path) => path.startsWith(".observable/cache/"))).toHaveLength(2);
    expect(Object.keys(built.manifest.cached ?? {})).toHaveLength(2);
    expect(built.manifest.trainings).toHaveLength(1);
    expect(await readFile(join(built.out, "notebook.html"), "utf8")).toBe(await readFile(join(work, "spiral.html"), "utf8"));
    expect(built.omitted).toEqual(expect.arrayContaining(["danfojs", "typescript"]));
    expect(built.omitted).not.toContain("@tensorflow/tfjs-vis");
    expect(built.manifest.written).toEqual(expect.arrayContaining(["sample-datasets/penguins.csv"]));
    expect(built.manifest.written.filter((path) => path.startsWith("sample-datasets/"))).toEqual(["sample-datasets/penguins.csv"]);
  });

  it("of a notebook without SQL carries no DuckDB: neither its module nor its workers and .wasm files", async () => {
    await writeFile(join(work, "plain.html"), '<!doctype html>\n<notebook theme="air">\n  <title>Plain</title>\n  <script id="1" type="module">\n    const answer = 6 * 7;\n  </script>\n</notebook>\n');
    const plain = await buildNotebookSite(join(work, "plain.html"), { out: join(work, "site-plain") });
    expect(plain.run.ok).toBe(true);
    expect(plain.omitted).toEqual(expect.arrayContaining(["@duckdb/duckdb-wasm", "hyparquet"]));
    const files = await readdir(join(plain.out, "assets"));
    expect(files.filter((file) => /duckdb/i.test(file))).toEqual([]);
  });

  it("runs every cell in Chromium from a plain static server, trained weights from the export, no request elsewhere", async () => {
    const page: Page = await browser.context.newPage();
    const errors = pageErrors(page);
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    const missing: string[] = [];
    page.on("response", (response) => void (response.status() >= 400 && missing.push(`${response.status()} ${response.url()}`)));
    await page.goto(site.url);
    const cells = page.locator("[data-cell-id]");
    await cells.first().waitFor();
    const count = await cells.count();
    expect(count).toBe(17);
    await page.waitForFunction((count) => document.querySelectorAll('[data-cell-id][data-status="fulfilled"]').length === count, count, { polling: 100 });
    expect(await page.locator('[data-cell-id="4"]').getAttribute("data-training")).toBe("cached");
    expect(await page.locator('[data-cell-id="4"] .training-note').textContent()).toMatch(/nothing was retrained/);
    expect(await page.locator('[data-cell-id="7"] [data-cell-output]').textContent()).toMatch(/Held-out accuracy [\d.]+% on 400 points/);
    // The curves widget draws with tfjs-vis, into a buffer swapped in when drawn.
    await page.locator('[data-cell-id="10"] canvas, [data-cell-id="10"] svg').first().waitFor({ timeout: 30_000 });
    // The plane is a widget here too; a click on it is refused, said in place, and changes nothing.
    const plane = page.locator('[data-cell-id="8"] canvas').first();
    await plane.click({ position: { x: 40, y: 40 } });
    expect(await page.locator('[data-cell-id="8"] .widget-message').textContent()).toMatch(/read-only export/);
    expect(await page.locator('[data-cell-id="8"] [data-cell-output]').textContent()).toMatch(/^plane300 points/);
    expect(await page.locator('[data-cell-id="91"] [data-cell-output]').textContent()).toMatch(/two spirals 100% \(from a module\)/);
    expect(await page.locator('[data-cell-id="92"] [data-cell-output]').textContent()).toMatch(/answer\s*42/);
    expect(await page.locator('[data-cell-id="93"] [data-cell-output]').textContent()).toMatch(/by node/);
    expect(await page.locator('[data-cell-id="95"] [data-cell-output]').textContent()).toMatch(/344 penguins/);
    expect(site.requested).toEqual(expect.arrayContaining(["/sample-datasets/penguins.csv"]));
    // KaTeX typesets with its own fonts, which the export carries.
    expect(await page.locator('[data-cell-id="94"] .katex').count()).toBe(1);
    await page.evaluate(() => document.fonts.ready);
    expect(site.requested.filter((path) => /\/KaTeX_Main-Regular-[\w-]+\.woff2$/.test(path))).toHaveLength(1);
    await page.getByRole("button", { name: "Show code" }).click();
    expect(await page.locator('[data-cell-id="3"] details.cell-code').getAttribute("open")).toBe("");
    await screenshot(page, "export-spiral");
    expect(requests.filter((url) => !url.startsWith(site.url) && !url.startsWith("data:") && !url.startsWith("blob:"))).toEqual([]);
    expect(site.requested).toEqual(expect.arrayContaining([`/cache/${built.manifest.trainings[0]}.bin`]));
    expect(errors).toEqual([]);
    expect(missing).toEqual([]);
    await page.close();
  });

  it("opened as a file, the page says to serve it over HTTP", async () => {
    const page = await browser.context.newPage();
    await page.goto(`file://${join(built.out, "index.html")}`);
    expect(await page.locator(".export-file-protocol").textContent()).toMatch(/must be served over HTTP/);
    expect(await page.locator(".export-file-protocol").isVisible()).toBe(true);
    await page.close();
  });
});
