// One rule for the paths a notebook names, headless, with the real `exemplar run` on real files:
// relative to the notebook, inside the root (--root, by default the notebook's own folder), after
// following symbolic links. FileAttachment, local imports and teach.save/load agree.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exemplar } from "../helpers/exemplar-cli.ts";
import { readNotebookFile } from "../../src/notebook/read-file.ts";
import { kernelsDisposedAfterEach } from "../helpers/notebooks.ts";

const newKernel = kernelsDisposedAfterEach();

let root = "";
let outside = "";
const lesson = () => join(root, "lessons", "paths.html");

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "exemplar-root-"));
  outside = mkdtempSync(join(tmpdir(), "exemplar-outside-"));
  mkdirSync(join(root, "lessons"));
  mkdirSync(join(root, "shared"));
  writeFileSync(join(root, "shared", "points.csv"), "x,y\n1,2\n3,4\n");
  writeFileSync(join(root, "shared", "helper.mjs"), "export const double = (x) => 2 * x;\n");
  writeFileSync(join(outside, "secret.csv"), "secret\n42\n");
  symlinkSync(join(outside, "secret.csv"), join(root, "lessons", "link.csv"));
  writeFileSync(
    lesson(),
    `<!doctype html>
<notebook>
  <title>Paths</title>
  <script id="1" type="module">
    const rows = await FileAttachment("../shared/points.csv").csv({typed: true});
  </script>
  <script id="2" type="module">
    import {double} from "../shared/helper.mjs";
    const twice = double(21);
  </script>
  <script id="3" type="module">
    const saved = (await teach.save(teach.mlp({inputs: 2, hidden: [], classes: 2}), "../models/m")).files.length;
  </script>
  <script id="4" type="module">
    const layers = saved && (await teach.load("../models/m")).layers.length;
  </script>
  <script id="5" type="module">
    const secret = await FileAttachment("link.csv").text();
  </script>
</notebook>
`
  );
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe("paths a notebook names, headless", () => {
  it("with --root above the notebook, ../ reaches files, modules and model folders inside the root; a link out of it is refused", async () => {
    const run = await exemplar("run", lesson(), "--root", root, "--json", "--no-cache");
    const { cells } = JSON.parse(run.stdout);
    expect(cells.slice(0, 4).map((cell: { status: string }) => cell.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(cells[1].values).toEqual({ twice: 42 });
    expect(cells[2].values).toEqual({ saved: 2 });
    expect(cells[4].status).toBe("rejected");
    expect(cells[4].error.message).toBe(`FileAttachment("link.csv"): lessons/link.csv: leads outside the notebook folder (through a symbolic link) (the root is ${root})`);
    expect(run.code).toBe(1);
  });

  it("without a root given, the root is the notebook's folder: each ../ path fails its cell naming the path and the root", async () => {
    const kernel = newKernel({ file: lesson(), cache: false });
    kernel.load((await readNotebookFile(lesson())).notebook.cells);
    await kernel.runtime.settled();
    const cells = kernel.runtime.reports();
    const folder = join(root, "lessons");
    const outsideOf = (name: string) => `"${name}" leads outside ${folder}: a path a notebook names is relative to its folder, the root itself and must stay inside ${folder}`;
    expect(cells[0].error?.message).toBe(`FileAttachment("../shared/points.csv"): ${outsideOf("../shared/points.csv")}`);
    expect(cells[1].error?.message).toBe(outsideOf("../shared/helper.mjs"));
    expect(cells[2].error?.message).toBe(outsideOf("../models/m/weights.bin"));
  });

  it("refuses a --root that does not hold the notebook, as bad usage", async () => {
    const run = await exemplar("run", lesson(), "--root", outside);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the notebook ${lesson()} is not inside --root ${outside}`);
  });
});
