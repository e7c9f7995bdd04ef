// Thousands of wide examples (images of 784 pixels) as one Float32Array of inputs instead of
// thousands of arrays of JavaScript numbers: what `teach.images` makes, what becomes the xs tensor
// in one copy, what crosses to a worker trainer in one message. The examples stay an ordinary
// array of {input, output}, each input a view into the shared array, so every function that takes
// examples takes these (a table shows them, `split` splits them, `evaluate` scores them).
/** An example: what goes in, what should come out (examples.ts checks them and makes tensors). */
export interface Example<I = unknown, O = unknown> {
  input: I;
  output: O;
}

const PACKED = Symbol.for("exemplar.packedInputs");

export interface PackedInputs {
  /** every example's input, one after another */
  inputs: Float32Array;
  /** numbers per input */
  width: number;
}

/** Examples whose inputs are views into `inputs`, `width` numbers each, with these outputs. */
export function packedExamples<O>(inputs: Float32Array, width: number, outputs: O[]): Example<Float32Array, O>[] {
  if (inputs.length !== width * outputs.length) throw new RangeError(`packedExamples: ${inputs.length} numbers are not ${outputs.length} inputs of ${width}`);
  const examples = outputs.map((output, i) => ({ input: inputs.subarray(i * width, (i + 1) * width), output }));
  Object.defineProperty(examples, PACKED, { value: { inputs, width } satisfies PackedInputs });
  return examples;
}

/**
 * The shared inputs of packed examples, when every example still holds its view, in order (an
 * edited or re-ordered array is read example by example instead).
 */
export function packedInputs(examples: readonly Example[]): PackedInputs | undefined {
  const packed = (examples as unknown as Record<symbol, PackedInputs | undefined>)[PACKED];
  if (!packed || packed.inputs.length !== examples.length * packed.width) return undefined;
  const { inputs, width } = packed;
  for (let i = 0; i < examples.length; i++) {
    const input = examples[i]?.input as Float32Array | undefined;
    if (!(input instanceof Float32Array) || input.buffer !== inputs.buffer || input.byteOffset !== inputs.byteOffset + i * width * 4 || input.length !== width) return undefined;
  }
  return packed;
}

/** Whether every input is a typed array of numbers (then its bytes, not its JSON, identify it). */
export function typedInputs(examples: readonly Example[]): boolean {
  return examples.length > 0 && examples.every((example) => ArrayBuffer.isView(example.input) && !(example.input instanceof DataView));
}

/**
 * What identifies the examples for the training cache: the examples themselves (as JSON) when
 * they are small objects, or their outputs and the bytes of their typed inputs (JSON of millions
 * of numbers would take seconds and hundreds of megabytes).
 */
export function examplesIdentity(examples: readonly Example[]): { description: unknown; bytes: Uint8Array[] } {
  if (!typedInputs(examples)) return { description: examples, bytes: [] };
  const packed = packedInputs(examples);
  const views = packed ? [packed.inputs] : examples.map((example) => example.input as ArrayBufferView);
  return {
    description: { typedInputs: examples.map((example) => (example.input as Float32Array).length), outputs: examples.map((example) => example.output) },
    bytes: views.map((view) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength))
  };
}

/**
 * The first `count` examples on their own: packed into a new array when their inputs are typed
 * (a view would carry its whole shared buffer along when posted to a worker), else a slice.
 */
export function firstExamples(examples: readonly Example[], count: number): Example[] {
  const head = examples.slice(0, count);
  const width = (head[0]?.input as Float32Array | undefined)?.length ?? 0;
  if (!typedInputs(head) || !head.every((example) => (example.input as Float32Array).length === width)) return head;
  const inputs = new Float32Array(head.length * width);
  head.forEach((example, i) => inputs.set(example.input as Float32Array, i * width));
  return packedExamples(inputs, width, head.map((example) => example.output));
}
