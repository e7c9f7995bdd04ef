// The GPU in Node: the spiral net and the digits CNN trained by the kit's own loop (teach.train) on
// cpu and on WebGPU (the optional `webgpu` package: Dawn), seconds per epoch and their ratio.
// Bundled into one file by bench/bundle-gpu.mjs, so a machine with a GPU needs only a Node binary,
// this bundle and the `webgpu` package beside it (see bench/README.md). Without the package, or
// without a GPU, it says why and measures cpu alone.
//
//   node gpu.mjs [--backends cpu,webgpu] [--epochs 2] [--quick] [--json]
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { enableWebGpu } from "../kernels/node/webgpu.ts";
import { train } from "../src/teach/train.ts";
import { mlp } from "../src/teach/models.ts";
import { cnn } from "../src/teach/cnn.ts";
import { spiral } from "../src/teach/datasets.ts";
import { digits } from "../src/teach/digits.ts";
import { images } from "../src/teach/images.ts";

const { values: args } = parseArgs({
  options: { backends: { type: "string", default: "cpu,webgpu" }, epochs: { type: "string", default: "2" }, quick: { type: "boolean" }, json: { type: "boolean" } }
});
const epochs = Math.max(1, Number(args.epochs));
const quick = !!args.quick;

// tfjs's checks and its advice to install tfjs-node are for development, not for a measurement.
tf.env().set("PROD", true);
const wanted = args.backends.split(",").map((name) => name.trim());
const notes = [];
if (wanted.includes("webgpu")) {
  const probe = await enableWebGpu();
  notes.push(probe.ok ? `webgpu: ${probe.adapter}` : `webgpu: ${probe.reason}; measuring cpu alone`);
}
const backends = [];
for (const name of wanted) if (tf.findBackendFactory(name) && (await tf.setBackend(name).catch(() => false))) backends.push(name);

const nets = [
  { name: "spiral 2-32-32-2", build: () => mlp({ inputs: 2, hidden: [32, 32], classes: [0, 1], seed: 1 }), examples: async () => spiral({ perClass: quick ? 100 : 2000, seed: 1 }), learningRate: 0.01 },
  { name: "digits CNN 28×28 (8, 16 filters)", build: () => cnn({ size: 28, classes: 10, filters: [8, 16], seed: 1 }), examples: async () => images(digits({ perClass: quick ? 4 : 100, seed: 1 }), { size: 28 }), learningRate: 0.01 }
];

const rows = [];
for (const net of nets) {
  const examples = await net.examples();
  for (const backend of backends) {
    await tf.setBackend(backend);
    const template = net.build();
    // One epoch more than measured: the first compiles the GPU's shaders (and warms the JIT).
    const run = train(template, examples, { epochs: epochs + 1, batchSize: 32, learningRate: net.learningRate, seed: 1, cache: false });
    const ends = [];
    let last;
    for await (const progress of run) {
      ends.push(performance.now());
      last = progress;
    }
    await run.return();
    template.dispose();
    const firstEpochS = (ends[1] - ends[0]) / 1000;
    const perEpochS = (ends.at(-1) - ends[1]) / 1000 / epochs;
    rows.push({ net: net.name, backend, examples: examples.length, firstEpochS, perEpochS, loss: last.loss });
  }
}

const ratios = nets.map((net) => {
  const [cpu, gpu] = ["cpu", "webgpu"].map((backend) => rows.find((row) => row.net === net.name && row.backend === backend));
  return cpu && gpu ? { net: net.name, webgpuSpeedup: cpu.perEpochS / gpu.perEpochS } : undefined;
}).filter(Boolean);

if (args.json) console.log(JSON.stringify({ backends, notes, rows, ratios }, null, 2));
else {
  for (const row of rows) console.log(`${row.net} · ${row.backend} · ${row.examples} examples: ${row.perEpochS.toFixed(3)} s/epoch (first epoch ${row.firstEpochS.toFixed(3)} s), loss ${row.loss.toFixed(4)}`);
  for (const { net, webgpuSpeedup } of ratios) console.log(`${net}: webgpu ${webgpuSpeedup.toFixed(2)}× as fast as cpu`);
  for (const note of notes) console.log(note);
}
