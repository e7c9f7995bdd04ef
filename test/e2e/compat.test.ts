// Notebooks written in Observable's style (test/fixtures/kit-compat) in a real Chromium: every cell
// fulfils, nothing is fetched from anywhere but the local server, libraries and the TypeScript
// compiler load only for notebooks that use them, inputs and Mutable drive other cells, a missing
// package or file says what to do, and a saved file is what Kit's own serialize writes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "@observablehq/notebook-kit";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { launchChromium, type TestBrowser } from "./helpers/browser.ts";
import { jsCells, writeNotebook } from "./helpers/files.ts";
import { cell, cursorAfterLine, openNotebook, output, pageErrors, screenshot, waitForOutput, waitForStatus } from "./helpers/page.ts";
import { foreignRequests, loadedResources, recordRequests, settledStatuses } from "./helpers/requests.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const FIXTURES = ["d3-chart", "plot-chart", "inputs-view", "markdown", "mutable", "generator", "files", "imports", "observable-js", "duplicate-name", "browser-globals", "local-modules", "sql", "data-loader", "sample-datasets"];

let server: TestServer;
let browser: TestBrowser;
let page: Page;
let requests: string[];
let errors: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ folders: [{ from: "test/fixtures/kit-compat", to: "kit-compat" }] }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Record<string, string>> {
  await page?.close();
  page = await browser.context.newPage();
  requests = recordRequests(page);
  errors = pageErrors(page);
  await openNotebook(page, server.url, path);
  return settledStatuses(page);
}

describe("Observable-style notebooks in the page", () => {
  it("every cell of every fixture fulfils, and every request goes to the local server", async () => {
    let fulfilled = 0;
    for (const name of FIXTURES) {
      const statuses = await open(`kit-compat/${name}.html`);
      // Kit fails only the cells reading a name two cells declare (duplicate-name's cell 4).
      const failing = name === "duplicate-name" ? [["4", "rejected"]] : [];
      expect(Object.entries(statuses).filter(([, status]) => status !== "fulfilled"), name).toEqual(failing);
      expect(foreignRequests(requests, server.url), name).toEqual([]);
      expect(errors, name).toEqual([]);
      fulfilled += Object.values(statuses).filter((status) => status === "fulfilled").length;
      if (name === "d3-chart") expect(await output(page, 4).locator("svg rect").count()).toBe(6);
      if (name === "markdown") await screenshot(page, "kit-compat-markdown");
      if (name === "observable-js") {
        // Observable JavaScript with the page's own Inputs: viewof, mutable, a generator, require and DOM.
        await waitForOutput(page, 8, /^Gain 3 amplifies to 18 \(1 change\); the countdown is at 0\.$/);
        await waitForOutput(page, 10, /two: 1, 4, 9/);
        await waitForOutput(page, 13, /O-clip-\d+/);
        // A node a cell returns is in the document before the cells reading it run, as in Kit: a D3
        // transition inherited from the document's root (d3.transition()) finds it there.
        await waitForOutput(page, 15, /grown, in the document: true/);
        await screenshot(page, "kit-compat-observable-js");
      }
      if (name === "local-modules") {
        await waitForOutput(page, 7, /sameColors = true/);
        expect(await output(page, 6).locator("li").first().textContent()).toBe("kiwi: 4.0");
      }
      if (name === "browser-globals") await waitForOutput(page, 7, /page/);
      if (name === "sample-datasets") {
        // Kit's sample datasets from the installed package, through the server's route: nothing downloaded.
        await waitForOutput(page, 3, /344 penguins, masses as numbers; 77 characters; AAPL from 2013/);
        expect(await output(page, 2).locator("svg circle").count()).toBe(342);
      }
      if (name === "duplicate-name") {
        // Both declaring cells ran: the chart shows; the reader says which name is declared twice.
        expect(await output(page, 2).locator(".bars > div").count()).toBe(3);
        await waitForOutput(page, 4, /color is defined more than once/);
        await screenshot(page, "kit-compat-duplicate-name");
      }
    }
    console.log(`kit-compat: ${fulfilled} cells fulfilled in ${FIXTURES.length} notebooks`);
    expect(fulfilled).toBe(112);
  });

  it("loads D3, tfjs, danfojs, tfjs-vis and the TypeScript compiler only for notebooks that use them", async () => {
    // The chunks a cell's import of each package loads, from the build's own record of them.
    const graph = inject("appBuild").info.graph;
    const chunksOf = (name: string) => new Set(Object.values(graph).flatMap((chunk) => chunk.dynamic.filter((target) => target.package === name).map((target) => target.file)));
    const loads = (loaded: string[], name: string) => loaded.some((url) => chunksOf(name).has(new URL(url).pathname.slice(1)));
    for (const name of ["d3", "typescript", "@tensorflow/tfjs", "danfojs", "@tensorflow/tfjs-vis"]) expect(chunksOf(name).size, name).toBeGreaterThan(0);
    await open("kit-compat/mutable.html");
    const plain = await loadedResources(page);
    for (const name of ["d3", "typescript", "@tensorflow/tfjs", "danfojs", "@tensorflow/tfjs-vis"]) expect(loads(plain, name), name).toBe(false);
    await open("kit-compat/markdown.html");
    const loaded = await loadedResources(page);
    expect(loads(loaded, "typescript")).toBe(true);
    expect(loads(loaded, "d3")).toBe(true);
    expect(loads(loaded, "danfojs")).toBe(false);
  });

  it("a slider drives a chart and a sentence through view(), and buttons change a Mutable", async () => {
    await open("kit-compat/inputs-view.html");
    await waitForOutput(page, 7, /^5 of 6 fruits have at least 5\.$/);
    const slider = output(page, 3).locator("input[type=number]");
    await slider.fill("10");
    await slider.press("Enter");
    await waitForOutput(page, 7, /^3 of 6 fruits have at least 10\.$/);
    expect(await output(page, 6).locator("svg rect").count()).toBe(3);
    await open("kit-compat/mutable.html");
    const increment = output(page, 3).getByRole("button", { name: "Increment" });
    await increment.click();
    await increment.click();
    await waitForOutput(page, 5, /^Clicked 2 times; twice that is 4\.$/);
    await waitForOutput(page, 4, /^2$/);
  });

  it("a saved fixture is byte for byte what Kit's serialize writes for the edited notebook", async () => {
    const path = join(server.root, "kit-compat/plot-chart.html");
    const original = readFileSync(path, "utf8");
    await open("kit-compat/plot-chart.html");
    await cursorAfterLine(page, 5, "const total");
    await page.keyboard.type(" // every fruit");
    await page.keyboard.press("Control+s");
    await page.waitForSelector('[data-save-state="saved"]');
    const { document, parser } = nodeDom();
    const notebook = deserialize(original, { parser });
    const edited = { ...notebook, cells: notebook.cells.map((cell) => (cell.id === 5 ? { ...cell, value: `${cell.value} // every fruit` } : cell)) };
    expect(readFileSync(path, "utf8")).toBe(serialize(edited, { document }));
  });

  it("a missing package names the npm install that adds it, a package first imported now is bundled now, and a missing file names the path tried", async () => {
    writeNotebook(server.root, "kit-compat/missing.html", "Missing things", jsCells(
      'import pad from "npm:no-such-package-here";',
      'import {sum} from "npm:d3-array";\nconst total = sum([1, 2, 3]);',
      'const rows = await FileAttachment("data/nowhere.csv").csv();'
    ));
    await open("kit-compat/missing.html");
    for (const id of [1, 3]) await waitForStatus(page, id, "rejected");
    await waitForStatus(page, 2, "fulfilled");
    expect(await cell(page, 1).textContent()).toContain('package "no-such-package-here" is not installed: add it with npm install no-such-package-here');
    expect(await output(page, 2).textContent()).toContain("total = 6");
    expect(await cell(page, 3).textContent()).toContain("tried kit-compat/data/nowhere.csv");
    expect(foreignRequests(requests, server.url)).toEqual([]);
  });
});

