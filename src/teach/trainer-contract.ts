// The trainer contract: how `teach.train` hands a training to a trainer that runs somewhere else
// (a Web Worker today; another process, such as a GPU server, fits the same messages) and hears
// back. Everything crossing is data: the model as topology and weights, the examples as typed
// arrays, plain options in; progress (with why it ended) and the weights so far, and the trainer's
// tensor memory, out. The trainer runs the kit's own training (train.ts over training-loop.ts:
// the stop rule, patience, the work clock), so a training gives the same numbers and the same
// `end` wherever it runs; the training cache and warm-start memory stay with the notebook in the
// page, which the trainer asks for them. The controls are the run's: pause and resume at the next
// batch, stop (the cell's Stop: end at the next batch, keeping the model), and end (invalidation:
// end at the next batch and free every tensor).
import * as tf from "@tensorflow/tfjs";
import type { Example } from "./examples.ts";
import { packedExamples, packedInputs } from "./example-set.ts";
import { nextMacrotask } from "./yield.ts";
import type { BackendTiming } from "./backend-choice.ts";
import type { CachedTraining } from "./cache-entry.ts";
import type { WeightSnapshot } from "./warm-start.ts";
import type { TrainingEnd, TrainOptions, TrainingProgress, TrainingState } from "./train.ts";

/** A model as data: tfjs's JSON topology, every weight (model.getWeights() order), its metadata (the task). */
export interface ModelPayload {
  topology: object;
  weights: WeightValues[];
  metadata?: object;
}

export interface WeightValues {
  shape: number[];
  values: Float32Array;
}

/** Examples as data: packed (one typed array of inputs, `width` numbers each) or the list as it is. */
export type ExamplesPayload = { packed: { inputs: Float32Array; width: number; outputs: unknown[] } } | { list: Example[] };

/** What a trainer honours of `teach.train`'s options: the plain ones (the cache and memory stay in the page). */
export type TrainerOptions = Omit<TrainOptions, "cache" | "memory">;

export interface TensorMemory {
  numTensors: number;
  numBytes: number;
}

/** What the page asks of a trainer. `id` and `run` are the page's, echoed in the answers. */
export type TrainerRequest =
  /**
   * time a few real steps on each backend the trainer has, or on `backends` of them (the chooser's
   * measurement); `beatMs`: what the whole training takes elsewhere (a backend that cannot beat it is cut short)
   */
  | { type: "time"; id: number; model: ModelPayload; examples: ExamplesPayload; batchSize: number; learningRate: number; steps?: number; backends?: string[]; beatMs?: number }
  /** start training on `backend`; `cache` says whether to ask the page's training cache */
  | { type: "train"; run: number; model: ModelPayload; examples: ExamplesPayload; options: TrainerOptions; cache: boolean; backend: string }
  /** hold at the next batch, keeping the model so far (the panel's Pause) */
  | { type: "pause"; run: number }
  | { type: "resume"; run: number }
  /** end at the next batch, keeping the model so far (the cell's Stop): a last progress says "stopped at epoch n" */
  | { type: "stop"; run: number }
  /** end at the next batch and free everything (the cell was invalidated): no more progress */
  | { type: "end"; run: number }
  /** the page's answer to a trainer's question */
  | { type: "answer"; id: number; value?: unknown };

/** What a trainer needs from the notebook in the page while it trains. */
export type TrainerQuestion = { kind: "recall"; key: string } | { kind: "cache-get"; key: string };

/** A progress value as data: everything but the model (the page holds a copy) and the run; `end` says why it ended. */
export type ProgressData = Omit<TrainingProgress, "model" | "run">;

/** What a trainer tells the page. */
export type TrainerEvent =
  /** started: the backends it can train on, and why others are missing */
  | { type: "ready"; backends: string[]; notes: string[]; memory: TensorMemory }
  | { type: "timed"; id: number; timings: BackendTiming[] }
  /** it cannot build this model (a custom layer it does not know): the page trains it instead */
  | { type: "refused"; id?: number; run?: number; message: string }
  | { type: "progress"; run: number; state: TrainingState; progress: ProgressData; weights: WeightValues[]; memory: TensorMemory }
  | { type: "ask"; run: number; id: number; question: TrainerQuestion }
  /**
   * warm start: a run of this architecture is ending, so a later run must wait for its weights
   * (said at once, before they are read: the page's next run may ask meanwhile)
   */
  | { type: "remembering"; run: number; key: string }
  /** the weights it ended with (none when it failed); always before the run's "ended" */
  | { type: "remembered"; run: number; key: string; snapshot?: WeightSnapshot }
  | { type: "cache-set"; run: number; key: string; entry: CachedTraining }
  /** the run failed: the cell's error, and its end ("NaN in epoch 3") */
  | { type: "failed"; run: number; message: string; end?: TrainingEnd }
  /** the run has stopped and freed its tensors */
  | { type: "ended"; run: number; memory: TensorMemory };

/** Either end of a message channel: a Worker, a worker's global scope, a MessagePort. */
export interface TrainerPort {
  /** `transfer`: buffers that move to the other end instead of being copied */
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** The model as data, or a reason it cannot be (a layer whose configuration is not plain data). */
export async function modelPayload(model: tf.LayersModel): Promise<ModelPayload> {
  const topology = model.toJSON(null, false) as object;
  // A layer built around a function or an object of its own does not survive the copy.
  JSON.stringify(topology);
  return { topology, weights: await weightValues(model), metadata: model.getUserDefinedMetadata() };
}

/** Builds the model a payload describes, on the current backend. Throws for a layer this realm does not know. */
export async function modelFromPayload({ topology, weights, metadata }: ModelPayload): Promise<tf.LayersModel> {
  const model = await tf.models.modelFromJSON({ modelTopology: topology } as tf.io.ModelJSON);
  setWeightValues(model, weights);
  if (metadata) model.setUserDefinedMetadata(metadata);
  return model;
}

export function examplesPayload(examples: Example[]): ExamplesPayload {
  const packed = packedInputs(examples);
  return packed ? { packed: { inputs: packed.inputs, width: packed.width, outputs: examples.map((example) => example.output) } } : { list: examples };
}

/** numbers copied per turn of the event loop when examples are sent (4 MB: about a millisecond) */
const SEND_SLICE = 1 << 20;

/**
 * The examples as a payload to send, with the buffers to transfer: packed inputs are copied a
 * slice at a time, with turns for the page between slices, into a buffer that then moves to the
 * trainer. Posted as they are, they would be copied in one go on the page's thread: 10,000 images
 * (30 MB) took 50–200 ms.
 */
export async function examplesToSend(examples: Example[]): Promise<{ payload: ExamplesPayload; transfer: Transferable[] }> {
  const packed = packedInputs(examples);
  if (!packed) return { payload: { list: examples }, transfer: [] };
  const inputs = new Float32Array(packed.inputs.length);
  for (let start = 0; start < inputs.length; start += SEND_SLICE) {
    inputs.set(packed.inputs.subarray(start, start + SEND_SLICE), start);
    if (start + SEND_SLICE < inputs.length) await nextMacrotask();
  }
  return { payload: { packed: { inputs, width: packed.width, outputs: examples.map((example) => example.output) } }, transfer: [inputs.buffer] };
}

export function examplesFromPayload(payload: ExamplesPayload): Example[] {
  return "packed" in payload ? packedExamples(payload.packed.inputs, payload.packed.width, payload.packed.outputs) : payload.list;
}

/**
 * Reads every weight of a model that may go on training meanwhile: each is held (a clone shares
 * its data) until read, since a GPU reads asynchronously and the next step's update would free
 * the data under the read.
 */
export async function weightValues(model: tf.LayersModel): Promise<WeightValues[]> {
  const held = model.getWeights().map((weight) => weight.clone());
  try {
    return await Promise.all(held.map(async (weight) => ({ shape: weight.shape.slice(), values: (await weight.data()) as Float32Array })));
  } finally {
    tf.dispose(held);
  }
}

/** Writes weights read by `weightValues` into a model of the same architecture. */
export function setWeightValues(model: tf.LayersModel, weights: WeightValues[]): void {
  const tensors = weights.map(({ shape, values }) => tf.tensor(values, shape));
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}

export function tensorMemory(): TensorMemory {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
}
