// Thousands of drawings as images: generated digits, rasterised into one typed array, turned into
// tensors in one copy, identified for the training cache by their bytes, and trained by a
// convolutional net on wasm (whose missing filter-gradient kernel the kit supplies).
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { digits } from "../../src/teach/digits.ts";
import { images } from "../../src/teach/images.ts";
import { rasterize } from "../../src/teach/drawing.ts";
import { packedInputs } from "../../src/teach/example-set.ts";
import { examplesToTensors } from "../../src/teach/examples.ts";
import { trainingKey } from "../../src/teach/training-cache.ts";
import { cnn } from "../../src/teach/cnn.ts";
import { taskOf } from "../../src/teach/task.ts";

beforeAll(() => loadTensorflow(["wasm", "cpu"]));

describe("generated digits and images", () => {
  it("draws each digit perClass times, the same for a seed and others for another seed", () => {
    const drawn = digits({ perClass: 3, seed: 1 });
    expect(drawn).toHaveLength(30);
    expect(drawn.slice(0, 10).map((example) => example.output)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(drawn.every((example) => /^\d+,\d+( \d+,\d+)*(;\d+,\d+( \d+,\d+)*)*$/.test(example.input))).toBe(true);
    expect(digits({ perClass: 3, seed: 1 })).toEqual(drawn);
    expect(digits({ perClass: 3, seed: 2 })[0].input).not.toBe(drawn[0].input);
    expect(() => digits({ digits: [3, 12] })).toThrow("digits: 12 is not a digit 0–9");
  });

  it("rasterises drawings exactly as rasterize does, all into one typed array", async () => {
    const drawn = digits({ perClass: 2, seed: 3 });
    const set = await images(drawn, { size: 28 });
    expect(set).toHaveLength(20);
    expect(set.map((example) => example.output)).toEqual(drawn.map((example) => example.output));
    const packed = packedInputs(set)!;
    expect(packed.width).toBe(784);
    expect(packed.inputs).toHaveLength(20 * 784);
    set.forEach((example, i) => expect(Array.from(example.input)).toEqual(Array.from(new Float32Array(rasterize(drawn[i].input, { size: 28 })))));
    // An edited array is no longer read as one block.
    expect(packedInputs([...set].reverse())).toBeUndefined();
  });

  it("says which drawing is not a drawing", async () => {
    await expect(images([{ input: "1,2 3,4", output: 1 }, { input: "1,x", output: 2 }], { size: 8 })).rejects.toThrow('images: drawing 1: stroke 1: "1,x" is not a point x,y');
  });

  it("becomes tensors in one copy, and the same images give the same cache key while one pixel changes it", async () => {
    const set = await images(digits({ perClass: 5, seed: 4 }), { size: 28 });
    const model = cnn({ size: 28, classes: 10 });
    const task = taskOf(model);
    const { xs, ys } = examplesToTensors(set, task);
    expect(xs.shape).toEqual([50, 784]);
    expect(Array.from(xs.dataSync().subarray(784 * 7, 784 * 8))).toEqual(Array.from(set[7].input));
    expect(Array.from(ys.argMax(1).dataSync())).toEqual(set.map((example) => example.output));
    tf.dispose([xs, ys]);
    const key = await trainingKey(model, task, set, {});
    expect(await trainingKey(model, task, await images(digits({ perClass: 5, seed: 4 }), { size: 28 }), {})).toBe(key);
    set[20].input[300] += 0.5;
    expect(await trainingKey(model, task, set, {})).not.toBe(key);
    model.dispose();
  });
});

describe("a convolutional net on wasm", () => {
  it("has a filter gradient equal to the cpu backend's, so it trains there", async () => {
    const gradients: number[][] = [];
    for (const backend of ["cpu", "wasm"]) {
      await tf.setBackend(backend);
      const [dx, df] = tf.tidy(() => {
        const x = tf.tensor4d(Array.from({ length: 2 * 9 * 9 * 3 }, (_, i) => Math.sin(i)), [2, 9, 9, 3]);
        const filter = tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i)), [3, 3, 3, 4]);
        return tf.grads((a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, "same").square().sum())([x, filter]);
      });
      gradients.push(Array.from(df.dataSync()));
      tf.dispose([dx, df]);
    }
    gradients[1].forEach((value, i) => expect(value).toBeCloseTo(gradients[0][i], 2));
    await tf.setBackend("wasm");
  });

  it("teach.cnn takes an image as size² numbers and classifies it", () => {
    const model = cnn({ size: 16, classes: ["a", "b", "c"], filters: [4] });
    expect(taskOf(model)).toEqual({ kind: "classify", inputs: 256, classes: ["a", "b", "c"] });
    const out = tf.tidy(() => (model.predict(tf.zeros([2, 256])) as tf.Tensor).shape);
    expect(out).toEqual([2, 3]);
    expect(() => cnn({ size: 8, classes: 2, filters: [4, 4, 4] })).toThrow("cnn: 3 convolution blocks shrink a 8×8 image to nothing: use fewer");
    model.dispose();
  });
});
