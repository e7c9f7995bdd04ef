// One training to its last epoch, three ways: the teaching kit's `train` (as a cell consumes it) and
// tfjs's own `model.fit` with the same net, data, batch size, epochs, optimizer and learning rate,
// and the least tfjs can do for it (a bare minimize loop).
// Plain tfjs and the teaching kit only, so the Node and the Chromium benchmarks share them.
import * as tf from "@tensorflow/tfjs";
import { train } from "../../src/teach/train.ts";
import { examplesToTensors, labelsOf } from "../../src/teach/examples.ts";
import { taskOf } from "../../src/teach/task.ts";
import { cloneModel } from "../../src/teach/clone.ts";
import { seededRandom, shuffledIndices } from "../../src/teach/random.ts";
import type { BenchNet } from "./nets.ts";

export async function trainToEnd(net: BenchNet, template: tf.LayersModel) {
  const run = train(template, net.examples, { epochs: net.epochs, batchSize: net.batchSize, learningRate: net.learningRate, seed: 1 });
  let last;
  for await (const progress of run) last = progress;
  const accuracy = last?.metrics.accuracy;
  await run.return();
  return accuracy;
}

export async function fitToEnd(net: BenchNet) {
  const model = net.build();
  const { xs, ys } = examplesToTensors(net.examples, taskOf(model, labelsOf(net.examples)));
  const optimizer = tf.train.adam(net.learningRate);
  model.compile({ optimizer, loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const history = await model.fit(xs, ys, { epochs: net.epochs, batchSize: net.batchSize, shuffle: true, verbose: 0 });
  tf.dispose([xs, ys]);
  optimizer.dispose();
  model.dispose();
  return history.history.acc?.at(-1);
}

/**
 * The least tfjs can do for the same training: shuffle each epoch, one tidy/minimize per batch,
 * nothing else (no accuracy, no yields, one loss read at the end). What train spends
 * beyond this is its own; what this spends beyond the kernels is tfjs's engine around them.
 */
export async function bareLoop(net: BenchNet, template: tf.LayersModel) {
  const model = await cloneModel(template);
  const { xs, ys, count } = examplesToTensors(net.examples, taskOf(model, labelsOf(net.examples)));
  const optimizer = tf.train.adam(net.learningRate);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  let loss: tf.Scalar | undefined;
  const random = seededRandom(1);
  for (let epoch = 0; epoch < net.epochs; epoch++) {
    const order = tf.tensor1d(shuffledIndices(count, random), "int32");
    for (let start = 0; start < count; start += net.batchSize) {
      loss?.dispose();
      loss = tf.tidy(() => {
        const indices = order.slice(start, Math.min(net.batchSize, count - start));
        const xb = xs.gather(indices);
        const yb = ys.gather(indices);
        return optimizer.minimize(() => tf.metrics.categoricalCrossentropy(yb, model.apply(xb, { training: true }) as tf.Tensor2D).mean() as tf.Scalar, true, variables)!;
      });
    }
    order.dispose();
  }
  await loss?.data();
  tf.dispose([loss!, xs, ys]);
  optimizer.dispose();
  model.dispose();
}

/** What a training costs before its first step: copying the model and turning examples into tensors. */
export async function setupOnly(net: BenchNet, template: tf.LayersModel) {
  const model = await cloneModel(template);
  const { xs, ys } = examplesToTensors(net.examples, taskOf(model, labelsOf(net.examples)));
  tf.dispose([xs, ys]);
  model.dispose();
}
