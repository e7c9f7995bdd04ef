import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { diskFiles } from "../../kernels/node/files.ts";
import { fileApiAt } from "../../src/app/file-api.ts";
import { besideNotebook } from "../../src/notebook/notebook-files.ts";
import { loadModel, saveModel } from "../../src/teach/model-files.ts";
import { classifier } from "../../src/teach/models.ts";
import { taskOf } from "../../src/teach/task.ts";
import { loadNotebook, valueOf } from "../helpers/notebooks.ts";
import { removeTemporaryFolders, startFileApiServer, temporaryFolder, type TestServer } from "../server/helpers.ts";

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
    const files = besideNotebook(diskFiles(folder), "notebook.html", folder);
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

  it("refuses folders outside the root, naming the path and the root, and names a missing model's file", async () => {
    const files = besideNotebook(diskFiles(folder), "notebook.html", folder);
    const model = classifier(examples, { hidden: [] });
    await expect(saveModel(model, "a/../../b", files)).rejects.toThrow(`"a/../../b/weights.bin" leads outside ${folder}`);
    await expect(loadModel("missing", files)).rejects.toThrow(`missing/model.json: file not found (tried ${join(folder, "missing/model.json")})`);
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
  // The real file API server; the page's client, with every request it makes recorded.
  let server: TestServer;
  let root = "";
  const seen: string[] = [];
  const recording: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const base = headers.get("X-Exemplar-Base-Version");
    const response = await fetch(input, init);
    const version = response.headers.get("X-Exemplar-Version");
    seen.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname} ${response.status}${base ? ` base ${base.slice(0, 8)}` : ""}${headers.get("X-Exemplar-Create") ? " create" : ""}${version && init?.method === "HEAD" ? ` version ${version.slice(0, 8)}` : ""}`);
    return response;
  };
  beforeAll(async () => {
    root = temporaryFolder("exemplar-file-api-");
    server = await startFileApiServer(root);
  });
  afterAll(async () => {
    await server.close();
    removeTemporaryFolders();
  });

  it("creates the files, replaces them naming the version the server gave, and loads them back", async () => {
    const files = besideNotebook(fileApiAt(server.url, recording).files(), "lessons/spiral.html");
    const model = classifier(examples, { hidden: [3], seed: 2 });
    await saveModel(model, "models/m", files);
    seen.length = 0;
    await saveModel(model, "../shared/m", files);
    await saveModel(model, "../shared/m", files);
    const version = createHash("sha256").update(readFileSync(join(root, "shared/m/weights.bin"))).digest("hex").slice(0, 8);
    expect(seen.slice(0, 4)).toEqual(["HEAD /api/files/shared/m/weights.bin 404", "PUT /api/files/shared/m/weights.bin 200 create", "HEAD /api/files/shared/m/model.json 404", "PUT /api/files/shared/m/model.json 200 create"]);
    expect(seen[4]).toBe(`HEAD /api/files/shared/m/weights.bin 200 version ${version}`);
    expect(seen[5]).toBe(`PUT /api/files/shared/m/weights.bin 200 base ${version}`);
    expect(existsSync(join(root, "lessons/models/m/model.json"))).toBe(true);
    const loaded = await loadModel("../shared/m", files);
    expect(predictions(loaded)).toEqual(predictions(model));
    model.dispose();
    loaded.dispose();
  });

  it("reports what the server refused, with the path", async () => {
    const files = fileApiAt(server.url).files();
    await expect(files.write("notes.txt", "hello")).rejects.toThrow(/saving notes.txt failed: .*only notebooks \(\.html\)/);
  });
});
