// What one training run holds on the backend — the model copy, its optimizer and the example
// tensors — and the lean loop over them: one tf.tidy/minimize per batch, no per-batch awaits or
// reads, the epoch's loss and accuracy summed on the backend and read once at its end.
import * as tf from "@tensorflow/tfjs";
import { examplesToTensors, type Example } from "./examples.ts";
import { seededRandom, shuffledIndices } from "./random.ts";
import type { ModelTask } from "./task.ts";

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
}

export interface TrainingSession {
  model: tf.LayersModel;
  task: ModelTask;
  optimizer: tf.Optimizer;
  xs: tf.Tensor2D;
  ys: tf.Tensor2D;
  valXs?: tf.Tensor2D;
  valYs?: tf.Tensor2D;
  trainCount: number;
  random: () => number;
}

/** Tensors for the examples (a seeded `validationSplit` of them held out) and a fresh Adam. */
export function openSession(model: tf.LayersModel, task: ModelTask, examples: Example[], options: { learningRate: number; seed: number; validationSplit: number }): TrainingSession {
  const { xs, ys, count } = examplesToTensors(examples, task);
  const session: TrainingSession = { model, task, optimizer: tf.train.adam(options.learningRate), xs, ys, trainCount: count, random: seededRandom(options.seed) };
  const held = heldOutCount(count, options.validationSplit);
  if (held > 0) splitValidation(session, held, options.seed);
  return session;
}

/** How many of `count` examples a validation split holds out (at most half, never all). */
export function heldOutCount(count: number, validationSplit: number): number {
  const held = Math.floor(count * Math.min(Math.max(validationSplit, 0), 0.5));
  return held < count ? held : 0;
}

/** Frees the session's tensors and optimizer (the model belongs to the run). */
export function closeSession(session: TrainingSession): void {
  tf.dispose([session.xs, session.ys, session.valXs, session.valYs].filter((t): t is tf.Tensor2D => !!t));
  // model.dispose() would not free the optimizer's slots: they are freed here.
  session.optimizer.dispose();
}

/** The loss stopped being a number: training cannot go on, and the message says what to try. */
export class NonFiniteLossError extends Error {
  override name = "NonFiniteLossError";
  constructor(
    readonly loss: number,
    readonly epoch: number
  ) {
    super(`training stopped: the loss became ${loss} in epoch ${epoch} (try a smaller learningRate, or scale the inputs)`);
  }
}

/** Between batches: false to end the epoch early (the run was stopped); awaits to yield or pause. */
export type BatchGate = () => boolean | Promise<boolean>;

/**
 * Trains one epoch in batches, calling `gate` after each. Returns the epoch's record, or
 * undefined when the gate ended it early. Throws when the loss is not a finite number.
 */
export async function trainEpoch(session: TrainingSession, epoch: number, batchSize: number, gate: BatchGate): Promise<EpochRecord | undefined> {
  const classify = session.task.kind === "classify";
  const variables = session.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const order = tf.tensor1d(shuffledIndices(session.trainCount, session.random), "int32");
  let lossSum = tf.scalar(0);
  let correctSum = tf.scalar(0);
  try {
    for (let start = 0; start < session.trainCount; start += batchSize) {
      const size = Math.min(batchSize, session.trainCount - start);
      const [nextLoss, nextCorrect] = tf.tidy(() => {
        const indices = order.slice(start, size);
        const xb = session.xs.gather(indices);
        const yb = session.ys.gather(indices);
        // The gradient tape disposes what the loss function makes, so keep the count it makes.
        let correct: tf.Scalar | undefined;
        const cost = session.optimizer.minimize(
          () => {
            const predicted = session.model.apply(xb, { training: true }) as tf.Tensor2D;
            if (classify) correct = tf.keep(predicted.argMax(1).equal(yb.argMax(1)).sum().asType("float32") as tf.Scalar);
            return lossOf(classify, yb, predicted);
          },
          true,
          variables
        )!;
        const counted = correct ? correctSum.add(correct) : correctSum.clone();
        correct?.dispose();
        return [lossSum.add(cost.mul(size)) as tf.Scalar, counted as tf.Scalar];
      });
      tf.dispose([lossSum, correctSum]);
      lossSum = nextLoss;
      correctSum = nextCorrect;
      const go = gate();
      if (!(go === true || (go !== false && (await go)))) return undefined;
    }
    const [loss, correct] = await Promise.all([lossSum.data(), correctSum.data()]);
    const record: EpochRecord = { epoch, loss: loss[0] / session.trainCount };
    if (!Number.isFinite(record.loss)) throw new NonFiniteLossError(record.loss, epoch);
    if (classify) record.accuracy = correct[0] / session.trainCount;
    if (session.valXs && session.valYs) Object.assign(record, await validate(session, classify));
    return record;
  } finally {
    tf.dispose([order, lossSum, correctSum]);
  }
}

export interface Measurement {
  /** mean loss over the examples */
  loss: number;
  /** for classifiers: the share predicted right */
  accuracy?: number;
}

/** Examples per forward pass when measuring: large enough to be cheap, small enough to yield often. */
const MEASURE_BATCH = 256;

/**
 * The model as it is now, on its training examples: loss and accuracy from batched forward passes
 * (no training, calling `gate` after each batch). What a stop rule judges, and what a finished run
 * reports. Undefined when the gate ended it early; throws when the loss is not a finite number.
 */
export async function measureSession(session: TrainingSession, epoch: number, gate: BatchGate): Promise<Measurement | undefined> {
  const classify = session.task.kind === "classify";
  let lossSum = tf.scalar(0);
  let correctSum = tf.scalar(0);
  try {
    for (let start = 0; start < session.trainCount; start += MEASURE_BATCH) {
      const size = Math.min(MEASURE_BATCH, session.trainCount - start);
      const [nextLoss, nextCorrect] = tf.tidy(() => {
        const xb = session.xs.slice(start, size);
        const yb = session.ys.slice(start, size);
        const predicted = session.model.predict(xb) as tf.Tensor2D;
        const correct = classify ? correctSum.add(predicted.argMax(1).equal(yb.argMax(1)).sum().asType("float32")) : correctSum.clone();
        return [lossSum.add(lossOf(classify, yb, predicted).mul(size)) as tf.Scalar, correct as tf.Scalar];
      });
      tf.dispose([lossSum, correctSum]);
      lossSum = nextLoss;
      correctSum = nextCorrect;
      const go = gate();
      if (!(go === true || (go !== false && (await go)))) return undefined;
    }
    const [loss, correct] = await Promise.all([lossSum.data(), correctSum.data()]);
    const measured: Measurement = { loss: loss[0] / session.trainCount };
    if (!Number.isFinite(measured.loss)) throw new NonFiniteLossError(measured.loss, epoch);
    if (classify) measured.accuracy = correct[0] / session.trainCount;
    return measured;
  } finally {
    tf.dispose([lossSum, correctSum]);
  }
}

function lossOf(classify: boolean, labels: tf.Tensor2D, predicted: tf.Tensor2D): tf.Scalar {
  return classify
    ? (tf.metrics.categoricalCrossentropy(labels, predicted).mean() as tf.Scalar)
    : (tf.losses.meanSquaredError(labels, predicted) as tf.Scalar);
}

/** Moves a seeded random `held` examples out of training into validation. */
function splitValidation(session: TrainingSession, held: number, seed: number): void {
  const order = shuffledIndices(session.trainCount, seededRandom(seed ^ 0x5eed));
  const [xs, ys, valXs, valYs] = tf.tidy(() => {
    const trainIndex = tf.tensor1d(order.slice(held), "int32");
    const valIndex = tf.tensor1d(order.slice(0, held), "int32");
    return [session.xs.gather(trainIndex), session.ys.gather(trainIndex), session.xs.gather(valIndex), session.ys.gather(valIndex)];
  });
  tf.dispose([session.xs, session.ys]);
  Object.assign(session, { xs, ys, valXs, valYs, trainCount: session.trainCount - held });
}

async function validate(session: TrainingSession, classify: boolean): Promise<Pick<EpochRecord, "valLoss" | "valAccuracy">> {
  const [loss, accuracy] = tf.tidy(() => {
    const predicted = session.model.predict(session.valXs!) as tf.Tensor2D;
    const right = classify ? predicted.argMax(1).equal(session.valYs!.argMax(1)).asType("float32").mean() : tf.scalar(NaN);
    return [lossOf(classify, session.valYs!, predicted), right];
  });
  try {
    const [lossValue, accuracyValue] = await Promise.all([loss.data(), accuracy.data()]);
    return classify ? { valLoss: lossValue[0], valAccuracy: accuracyValue[0] } : { valLoss: lossValue[0] };
  } finally {
    tf.dispose([loss, accuracy]);
  }
}
