import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { loadModel, saveModel } from "../../src/teach/model-files.ts";
import { folderFiles } from "../../src/teach/files-folder.ts";
import { fileApiFiles } from "../../src/teach/file-api.ts";
import { notebookPath } from "../../src/teach/files.ts";
import { classifier } from "../../src/teach/models.ts";
import { taskOf } from "../../src/teach/task.ts";
import { loadNotebook, valueOf } from "../helpers/notebooks.ts";

beforeAll(() => loadTensorflow());
const folder = mkdtempSync(join(tmpdir(), "exemplar-models-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const examples = [
  { input: [0, 1], output: "up" },
  { input: [1, 0], output: "right" },
  { input: [0.2, 0.9], output: "up" }
];
const predictions = (model: tf.LayersModel) => tf.tidy(() => Array.from((model.predict(tf.tensor2d(examples.map((e) => e.input))) as tf.Tensor).dataSync()));

describe("saving and loading models beside the notebook", () => {
  it("writes tfjs's model.json and weights.bin, and loads back the same predictions and labels", async () => {
    const files = folderFiles(folder);
    const model = classifier(examples, { hidden: [3], seed: 7 });
    const saved = await saveModel(model, "models/direction", files);
    expect(saved.files).toEqual(["models/direction/model.json", "models/direction/weights.bin"]);
    const manifest = JSON.parse(readFileSync(join(folder, "models/direction/model.json"), "utf8"));
    expect(manifest.weightsManifest[0].paths).toEqual(["weights.bin"]);
    expect(manifest.userDefinedMetadata.exemplar.classes).toEqual(["right", "up"]);
    const loaded = await loadModel("models/direction", files);
    expect(predictions(loaded)).toEqual(predictions(model));
    expect(taskOf(loaded)).toEqual(taskOf(model));
    model.dispose();
    loaded.dispose();
  });

  it("refuses paths that leave the notebook's folder", async () => {
    expect(() => notebookPath("../elsewhere")).toThrow(/leaves the notebook's folder/);
    const model = classifier(examples, { hidden: [] });
    await expect(saveModel(model, "a/../../b", folderFiles(folder))).rejects.toThrow(/leaves the notebook's folder/);
    await expect(loadModel("missing", folderFiles(folder))).rejects.toThrow(/missing\/model.json: file not found/);
    model.dispose();
  });

  it("a cell saves a trained model and another loads it back", async () => {
    const file = join(folder, "save-load.html");
    writeFileSync(
      file,
      `<!doctype html>
<notebook theme="air">
  <title>save and load</title>
  <script id="1" type="module">
    const model = teach.classifier([{input: [0, 1], output: "up"}, {input: [1, 0], output: "right"}], {hidden: [3], seed: 3});
  </script>
  <script id="2" type="module">
    const saved = await teach.save(model, "models/cell");
  </script>
  <script id="3" type="module">
    const loaded = saved && await teach.load("models/cell/model.json");
    const same = tf.tidy(() => tf.equal(model.predict(tf.tensor2d([[0.3, 0.6]])), loaded.predict(tf.tensor2d([[0.3, 0.6]]))).all().dataSync()[0]);
  </script>
</notebook>
`
    );
    const { kernel, runtime } = await loadNotebook(file);
    await runtime.settled();
    expect(runtime.report(3)?.status).toBe("fulfilled");
    expect(valueOf(runtime.report(3), "same")).toBe(1);
    expect(existsSync(join(folder, "models/cell/weights.bin"))).toBe(true);
    kernel.dispose();
  });
});

describe("saving through the page's file API", () => {
  // The file API's contract (PUT with X-Exemplar-Create or X-Exemplar-Base-Version), served from a folder.
  const root = mkdtempSync(join(tmpdir(), "exemplar-file-api-"));
  const seen: string[] = [];
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const path = join(root, decodeURIComponent(request.url!.replace(/^\/api\/files\//, "")));
      const current = existsSync(path) ? readFileSync(path) : undefined;
      if (request.method === "GET") return current ? response.end(current) : response.writeHead(404).end("not found");
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const baseVersion = request.headers["x-exemplar-base-version"];
      const create = request.headers["x-exemplar-create"] === "1";
      seen.push(`${create ? "create" : `base ${String(baseVersion).slice(0, 8)}`} ${request.url}`);
      if (!/\.(json|bin|csv|tsv|html)$/.test(path)) return response.writeHead(403).end("only .html, .csv, .tsv, .json and .bin files can be written");
      if (create ? current : !current || createHash("sha256").update(current).digest("hex") !== baseVersion) return response.writeHead(409).end("the file changed");
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, Buffer.concat(chunks));
      response.writeHead(create ? 201 : 200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/files/`;
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("creates the files, replaces them naming the version it read, and loads them back", async () => {
    const files = fileApiFiles({ folder: "lessons", base });
    const model = classifier(examples, { hidden: [3], seed: 2 });
    await saveModel(model, "models/m", files);
    await saveModel(model, "models/m", files);
    const version = createHash("sha256").update(readFileSync(join(root, "lessons/models/m/weights.bin"))).digest("hex").slice(0, 8);
    expect(seen).toEqual([
      "create /api/files/lessons/models/m/weights.bin",
      "create /api/files/lessons/models/m/model.json",
      `base ${version} /api/files/lessons/models/m/weights.bin`,
      expect.stringMatching(/^base [0-9a-f]{8} \/api\/files\/lessons\/models\/m\/model\.json$/)
    ]);
    const loaded = await loadModel("models/m", files);
    expect(predictions(loaded)).toEqual(predictions(model));
    model.dispose();
    loaded.dispose();
  });

  it("reports what the server refused, with the path", async () => {
    const files = fileApiFiles({ folder: "", base });
    await expect(files.write("notes.txt", "hello")).rejects.toThrow(/saving notes.txt: 403 only \.html/);
  });
});
