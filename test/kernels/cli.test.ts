// The real `exemplar` binary on real files, as a person or CI would run it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exemplar } from "../helpers/exemplar-cli.ts";
import { describe, expect, it } from "vitest";

const fixture = (name: string) => join("test/fixtures", name);

describe("exemplar run", () => {
  it("runs the spiral notebook headless and reaches held-out accuracy of at least 0.95", async () => {
    const run = await exemplar("run", "notebooks/spiral.html", "--json", "--no-cache");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    // The backend is the one measured fastest for this model: wasm or cpu here.
    expect(result).toMatchObject({ ok: true, backend: expect.stringMatching(/^(wasm|cpu)$/), timedOut: false });
    const evaluation = result.cells.find((cell: { names: string[] }) => cell.names.includes("accuracy"));
    expect(evaluation.values.accuracy).toBeGreaterThanOrEqual(0.95);
    const training = result.cells.find((cell: { names: string[] }) => cell.names.includes("training"));
    expect(training).toMatchObject({ status: "fulfilled", summary: expect.stringMatching(/^epoch \d+\/80 loss [\d.]+ accuracy [\d.]+$/) });
  });

  it("prints a table of cells with names, status, value and milliseconds, then the backend", async () => {
    const run = await exemplar("run", fixture("kit-features.html"));
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^cell\s+names\s+status\s+value\s+ms$/);
    expect(lines.find((line) => line.startsWith("2 "))).toMatch(/^2\s+answer\s+fulfilled\s+42\s+\d+$/);
    expect(lines.find((line) => line.startsWith("4 "))).toMatch(/fulfilled\s+"84"/);
    expect(lines.at(-1)).toMatch(/^backend: none/);
  });

  it("exits 1 for a cell with a syntax error, naming the cell and line:column; the other cells still run", async () => {
    const run = await exemplar("run", fixture("syntax-error.html"), "--json");
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.cells.map((cell: { status: string }) => cell.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(result.cells[1].error).toMatchObject({ kind: "syntax", line: 2, column: 21 });
    const plain = await exemplar("run", fixture("syntax-error.html"));
    expect(plain.stderr).toContain("test/fixtures/syntax-error.html: cell 2 2:21: Unexpected token");
  });

  it("cells that need a browser are reported as such and do not fail the run", async () => {
    const run = await exemplar("run", fixture("needs-browser.html"), "--json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.cells.map((cell: { status: string }) => cell.status)).toEqual(["needs-browser", "needs-browser", "fulfilled"]);
  });

  it("at the time limit a generator is reported running with its latest value, and a cell with no value fails", async () => {
    const run = await exemplar("run", fixture("time-limit.html"), "--json", "--timeout", "0.5");
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.timedOut).toBe(true);
    expect(result.cells[0]).toMatchObject({ status: "running", names: ["ticks"] });
    expect(result.cells[0].values.ticks).toBeGreaterThanOrEqual(1);
    expect(result.cells[1]).toMatchObject({ status: "pending", names: ["never"] });
  });

  it("an error thrown outside any cell (from a timer) fails the run but every cell is still reported", async () => {
    const run = await exemplar("run", fixture("stray-error.html"), "--json");
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.strayErrors).toEqual(["Error: late failure"]);
    expect(result.cells.map((cell: { status: string }) => cell.status)).toEqual(["fulfilled", "fulfilled"]);
  });

  it("--loop-budget stops a cell that never yields after that long, naming the loop; the other cells run", async () => {
    const run = await exemplar("run", fixture("runaway.html"), "--json", "--loop-budget", "0.5");
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.cells.map((cell: { status: string }) => cell.status)).toEqual(["rejected", "fulfilled"]);
    expect(result.cells[0].error.message).toMatch(/^stopped after 0\.5 s without yielding \(the loop at 2:1 in cell 1\)/);
    const bad = await exemplar("run", fixture("runaway.html"), "--loop-budget", "7200");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--loop-budget: the budget must be between 0 (never stop) and 3600 seconds");
  });

  it("--timeout stops a cell that never lets the kernel stop it (while (true) await null;): exit 1 naming the cell, the others reported", async () => {
    const run = await exemplar("run", fixture("never-yields.html"), "--timeout", "5");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/never-yields\.html: cell 2: stopped at the time limit \(--timeout 5 s\)/);
    expect(run.stdout).toMatch(/^1\s+answer\s+fulfilled\s+42/m);
    expect(run.stdout).toMatch(/^3\s+fulfilled\s+43/m);
  });

  it("--timeout stops a regular expression that backtracks without end", async () => {
    const run = await exemplar("run", fixture("backtracking.html"), "--json", "--timeout", "1");
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.cells[0]).toMatchObject({ status: "rejected", error: { kind: "limit", message: expect.stringMatching(/^stopped at the time limit \(--timeout 1 s\)/) } });
  });

  it("process.exit() in a cell fails that cell and exits 1; the other cells run", async () => {
    const run = await exemplar("run", fixture("process-exit.html"), "--json");
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.cells.map((cell: { status: string }) => cell.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(result.cells[1].error).toMatchObject({ kind: "limit", message: "a cell may not end the process (it called process.exit)" });
  });

  it("--max-memory stops a cell that allocates without end: exit 1 with out of memory, naming the cell, no V8 fatal error", async () => {
    const run = await exemplar("run", fixture("allocates.html"), "--max-memory", "300");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/allocates\.html: cell 2: out of memory: the process grew to \d+ MB, past the limit of 300 MB \(--max-memory\)/);
    expect(run.stderr).not.toMatch(/FATAL|heap out of memory/);
    expect(run.stdout).toMatch(/^1\s+answer\s+fulfilled\s+42/m);
  });

  it("a notebook outside any package imports ES modules beside it, and a module linked from outside its root is refused", async () => {
    const folder = mkdtempSync(join(tmpdir(), "exemplar-modules-"));
    const outside = mkdtempSync(join(tmpdir(), "exemplar-outside-"));
    try {
      // No package.json anywhere above: Node alone would load these .js files as CommonJS.
      mkdirSync(join(folder, "lib"));
      writeFileSync(join(folder, "lib", "double.js"), 'import {sum} from "https://cdn.jsdelivr.net/npm/d3-array@3/+esm";\nexport const double = (xs) => 2 * sum(xs);\n');
      writeFileSync(join(outside, "secret.js"), "export const secret = 1;\n");
      symlinkSync(join(outside, "secret.js"), join(folder, "lib", "linked.js"));
      writeFileSync(join(folder, "modules.html"), notebookHtml('import {double} from "./lib/double.js";', "double([1, 2, 3])", 'import {secret} from "./lib/linked.js";'));
      const run = await exemplar("run", join(folder, "modules.html"), "--json");
      const result = JSON.parse(run.stdout);
      expect(result.cells[1]).toMatchObject({ status: "fulfilled", summary: "12" });
      expect(result.cells[2]).toMatchObject({ status: "rejected", error: { message: expect.stringMatching(/^lib\/linked\.js: leads outside the notebook folder \(through a symbolic link\)/) } });
    } finally {
      rmSync(folder, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("a timer left by a cell that needs a browser fails nothing; a form's controls are reachable by name headless", async () => {
    const folder = mkdtempSync(join(tmpdir(), "exemplar-timer-"));
    try {
      const cell = 'const timer = setTimeout(() => { throw new Error("a tick of a chart never drawn"); }, 5);\n    const wide = window.innerWidth;';
      writeFileSync(join(folder, "timer.html"), notebookHtml(cell, "html`<form><input name=i type=checkbox></form>`.i.type"));
      const run = await exemplar("run", join(folder, "timer.html"), "--json");
      const result = JSON.parse(run.stdout);
      expect(result.strayErrors).toEqual([]);
      expect(result.cells.map((cell: { status: string }) => cell.status)).toEqual(["needs-browser", "fulfilled"]);
      expect(result.cells[1].summary).toBe('"checkbox"');
      expect(run.code).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("exits 2 for a file that is not a notebook, with file:line:column", async () => {
    const run = await exemplar("run", fixture("invalid/not-a-notebook.html"));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("test/fixtures/invalid/not-a-notebook.html:1:1: not a notebook");
    const missing = await exemplar("run", "notebooks/no-such-notebook.html");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-notebook\.html:1:1: no such file/);
  });

  it("exits 2 with the usage for bad arguments", async () => {
    for (const args of [[], ["frobnicate"], ["run"], ["run", "a.html", "b.html"], ["run", "a.html", "--timeout", "soon"], ["run", "a.html", "--backend", "tpu"], ["run", "a.html", "--max-memory", "lots"], ["run", "a.html", "--colour"]]) {
      const run = await exemplar(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/usage:/);
    }
  });
});

/** A notebook file of JavaScript cells, as Kit writes it. */
function notebookHtml(...cells: string[]): string {
  const scripts = cells.map((value, i) => `  <script id="${i + 1}" type="module">\n    ${value}\n  </script>\n`).join("");
  return `<!doctype html>\n<notebook theme="air">\n  <title>Modules</title>\n${scripts}</notebook>\n`;
}
