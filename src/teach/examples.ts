// Examples are plain `{input, output}` objects. This module checks them (a bad example is named by
// its index, not discovered as a shape error deep inside tfjs) and turns them into tensors.
import * as tf from "@tensorflow/tfjs";
import { describeTask, type Label, type ModelTask } from "./task.ts";
import { packedInputs, type Example } from "./example-set.ts";

export type { Example, Label };

/** Flattens an example's input to numbers: a number, an array (nested arrays are flattened), a typed array (as is). */
export function inputVector(input: unknown, index: number): ArrayLike<number> {
  if (typeof input === "number") return [input];
  if (input instanceof Float32Array || input instanceof Float64Array || input instanceof Uint8Array || input instanceof Uint8ClampedArray || input instanceof Int32Array) {
    if ((input as ArrayLike<number>).length && !(input as Float32Array).every(Number.isFinite)) throw new TypeError(`example ${index}: input must hold finite numbers, got ${preview(Array.from(input as ArrayLike<number>))}`);
    return input;
  }
  if (Array.isArray(input)) {
    const flat = (input as unknown[]).flat(Infinity) as unknown[];
    if (flat.every((value) => typeof value === "number" && Number.isFinite(value))) return flat as number[];
  }
  throw new TypeError(`example ${index}: input must be a finite number or an array of numbers, got ${preview(input)}`);
}

export function checkExamples(examples: unknown): Example[] {
  if (!Array.isArray(examples)) throw new TypeError(`examples must be an array of {input, output}, got ${preview(examples)}`);
  if (examples.length === 0) throw new TypeError("there are no examples yet: add at least one {input, output}");
  examples.forEach((example, index) => {
    if (!example || typeof example !== "object" || !("input" in example) || !("output" in example)) {
      throw new TypeError(`example ${index} must be an object with input and output, got ${preview(example)}`);
    }
  });
  return examples as Example[];
}

/** The distinct labels in first-seen order, or numerically/alphabetically sorted when they are numbers. */
export function labelsOf(examples: Example[]): Label[] {
  const labels = Array.from(new Set(examples.map((example) => example.output as Label)));
  return labels.every((label) => typeof label === "number") ? (labels as number[]).sort((a, b) => a - b) : labels.sort();
}

export interface ExampleTensors {
  xs: tf.Tensor2D;
  ys: tf.Tensor2D;
  count: number;
}

/** Stacks inputs into xs and outputs into ys (one-hot for classes, raw numbers for regression). */
export function examplesToTensors(examples: Example[], task: ModelTask): ExampleTensors {
  const inputs = inputMatrix(examples, task);
  const ys =
    task.kind === "classify"
      ? oneHot(examples, task.classes)
      : examples.map((example, index) => {
          const vector = inputVector(example.output, index);
          if (vector.length !== task.outputs) throw new TypeError(`example ${index}: output has ${vector.length} numbers, the model gives ${task.outputs}`);
          return vector;
        });
  // One flat typed array per tensor: tfjs copies nested number arrays element by element, which
  // for wide inputs (784 pixels) cost ~50× more than filling the buffer.
  return { xs: inputs, ys: tf.tensor2d(flatten(ys, ys[0].length), [ys.length, ys[0].length]), count: examples.length };
}

/**
 * The inputs of `examples` as one [n, inputs] tensor, each checked to be numbers of the model's
 * width; `offset` is the first example's index in its set (errors name the example by it).
 * Packed examples (teach.images) are already one flat array: one copy onto the backend.
 */
export function inputMatrix(examples: Example[], task: ModelTask, offset = 0): tf.Tensor2D {
  const packed = packedInputs(examples);
  if (packed) {
    if (packed.width !== task.inputs) throw new TypeError(`the model takes ${task.inputs} input numbers but the examples have ${packed.width} (${describeTask(task)})`);
    return tf.tensor2d(packed.inputs, [examples.length, packed.width]);
  }
  const inputs = examples.map((example, index) => inputVector(example.input, offset + index));
  const width = inputs[0].length;
  inputs.forEach((vector, index) => {
    if (vector.length !== width) throw new TypeError(`example ${offset + index}: input has ${vector.length} numbers, the first example has ${width}`);
  });
  if (width !== task.inputs) throw new TypeError(`the model takes ${task.inputs} input numbers but the examples have ${width} (${describeTask(task)})`);
  return tf.tensor2d(flatten(inputs, width), [inputs.length, width]);
}

function flatten(rows: ArrayLike<number>[], width: number): Float32Array {
  const flat = new Float32Array(rows.length * width);
  rows.forEach((row, i) => flat.set(row, i * width));
  return flat;
}

function oneHot(examples: Example[], classes: Label[]): number[][] {
  return examples.map((example, index) => {
    const position = classIndex(example.output, classes);
    if (position < 0) throw new TypeError(`example ${index}: label ${preview(example.output)} is not one of the model's classes ${preview(classes)}`);
    return classes.map((_, k) => (k === position ? 1 : 0));
  });
}

export function classIndex(label: unknown, classes: Label[]): number {
  return classes.findIndex((known) => known === label);
}

export function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
