// train(model, examples) returns an async iterator for a notebook cell: its first value comes at
// once (epoch 0), then the latest state whenever the runtime asks. Training runs its own
// time-sliced loop (many batches per slice, yielding to the page between slices) instead of one
// step per pull, and it stops at the next batch when the cell is invalidated (the runtime calls
// `return()`), releasing every tensor it made. It trains a copy of the model, so re-running
// never mutates another cell's value and the same file gives the same numbers.
import * as tf from "@tensorflow/tfjs";
import { checkExamples, examplesToTensors, labelsOf, type Example } from "./examples.ts";
import { seededRandom, shuffledIndices } from "./random.ts";
import { cloneModel } from "./clone.ts";
import { taskOf, type ModelTask } from "./task.ts";
import { nextMacrotask } from "./yield.ts";

export interface TrainOptions {
  /** default 50 */
  epochs?: number;
  /** default 32 */
  batchSize?: number;
  /** Adam's learning rate; default 0.01 */
  learningRate?: number;
  /** seeds the shuffling of each epoch; default 1 */
  seed?: number;
  /** fraction of the examples held out to report validation loss (0 to 0.5); default 0 */
  validationSplit?: number;
  /** milliseconds of training between yields to the page; default 12 (a frame has ~16) */
  sliceMs?: number;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
}

export interface TrainingProgress {
  epoch: number;
  epochs: number;
  /** mean training loss of the latest epoch (NaN before the first) */
  loss: number;
  metrics: Omit<EpochRecord, "epoch" | "loss">;
  history: EpochRecord[];
  /** the model being trained (a copy of the one given), usable by cells downstream */
  model: tf.LayersModel;
  task: ModelTask;
  examples: number;
  /** true on the last value: training finished all its epochs */
  done: boolean;
  /** milliseconds since training started */
  ms: number;
  /** the run itself: its state, and stop() for a Stop button */
  run: TrainingRun;
}

const DEFAULTS = { epochs: 50, batchSize: 32, learningRate: 0.01, seed: 1, validationSplit: 0, sliceMs: 12 };

export function train(model: tf.LayersModel, examples: Example[], options: TrainOptions = {}): TrainingRun {
  return new TrainingRun(model, checkExamples(examples), { ...DEFAULTS, ...options });
}

interface Session {
  model: tf.LayersModel;
  task: ModelTask;
  optimizer: tf.Optimizer;
  xs: tf.Tensor2D;
  ys: tf.Tensor2D;
  valXs?: tf.Tensor2D;
  valYs?: tf.Tensor2D;
  trainCount: number;
}

export class TrainingRun implements AsyncIterableIterator<TrainingProgress> {
  private session?: Session;
  private starting?: Promise<TrainingProgress>;
  private loop?: Promise<void>;
  private latest?: TrainingProgress;
  private delivered = -1;
  private finished = false;
  private stopRequested = false;
  private failure: unknown;
  private wake?: () => void;
  private startedAt = 0;
  private released = false;

  constructor(
    private readonly template: tf.LayersModel,
    private readonly examples: Example[],
    private readonly options: Required<TrainOptions>
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** "training" until the loop ends; then "finished" (all epochs), "stopped" or "failed". */
  get state(): "training" | "finished" | "stopped" | "failed" {
    if (!this.finished) return "training";
    if (this.failure !== undefined) return "failed";
    return this.latest?.done ? "finished" : "stopped";
  }

  /** how many epochs have completed (the loop may be inside the next one) */
  get epochsCompleted(): number {
    return this.latest?.epoch ?? 0;
  }

  async next(): Promise<IteratorResult<TrainingProgress>> {
    if (!this.starting) {
      this.starting = this.start();
      const first = await this.starting;
      this.delivered = first.epoch;
      return { done: false, value: first };
    }
    await this.starting;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (this.latest && this.latest.epoch > this.delivered) {
        this.delivered = this.latest.epoch;
        return { done: false, value: this.latest };
      }
      if (this.finished || this.stopRequested) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Stops training at the next batch, keeping the model as trained so far (the Stop button). */
  stop(): void {
    this.stopRequested = true;
    this.wake?.();
  }

  /** Stops training at the next batch and releases its tensors and model copy (invalidation). */
  async return(): Promise<IteratorResult<TrainingProgress>> {
    this.stopRequested = true;
    this.wake?.();
    await this.starting?.catch(() => undefined);
    await this.loop;
    this.release(true);
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<TrainingProgress>> {
    await this.return();
    throw error;
  }

  private async start(): Promise<TrainingProgress> {
    this.startedAt = performance.now();
    const copy = await cloneModel(this.template);
    const task = taskOf(copy, labelsOf(this.examples));
    const { epochs, learningRate, seed, validationSplit } = this.options;
    let tensors;
    try {
      tensors = examplesToTensors(this.examples, task);
    } catch (error) {
      copy.dispose();
      throw error;
    }
    const session: Session = { model: copy, task, optimizer: tf.train.adam(learningRate), xs: tensors.xs, ys: tensors.ys, trainCount: tensors.count };
    const held = Math.floor(tensors.count * Math.min(Math.max(validationSplit, 0), 0.5));
    if (held > 0) splitValidation(session, held, seed);
    this.session = session;
    this.latest = this.progress(0, NaN, {}, []);
    if (this.stopRequested) this.finished = true;
    else this.loop = this.run(session, epochs);
    return this.latest;
  }

  private async run(session: Session, epochs: number): Promise<void> {
    const { batchSize, seed, sliceMs } = this.options;
    const random = seededRandom(seed);
    const history: EpochRecord[] = [];
    const variables = session.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
    const classify = session.task.kind === "classify";
    try {
      let sliceStart = performance.now();
      for (let epoch = 1; epoch <= epochs; epoch++) {
        const order = tf.tensor1d(shuffledIndices(session.trainCount, random), "int32");
        let lossSum = tf.scalar(0);
        let correctSum = tf.scalar(0);
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
          lossSum.dispose();
          correctSum.dispose();
          lossSum = nextLoss;
          correctSum = nextCorrect;
          if (this.stopRequested) break;
          if (performance.now() - sliceStart > sliceMs) {
            await nextMacrotask();
            sliceStart = performance.now();
          }
          if (this.stopRequested) break;
        }
        order.dispose();
        if (this.stopRequested) {
          lossSum.dispose();
          correctSum.dispose();
          break;
        }
        const [loss, correct] = await Promise.all([lossSum.data(), correctSum.data()]);
        lossSum.dispose();
        correctSum.dispose();
        const record: EpochRecord = { epoch, loss: loss[0] / session.trainCount };
        if (!Number.isFinite(record.loss)) {
          throw new Error(`training stopped: the loss became ${record.loss} in epoch ${epoch} (try a smaller learningRate)`);
        }
        if (classify) record.accuracy = correct[0] / session.trainCount;
        if (session.valXs && session.valYs) Object.assign(record, await validate(session, classify));
        history.push(record);
        const { epoch: _epoch, loss: _loss, ...metrics } = record;
        this.latest = this.progress(epoch, record.loss, metrics, history.slice(), epoch === epochs);
        this.wake?.();
        if (this.stopRequested) break;
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.finished = true;
      this.release(false);
      this.wake?.();
    }
  }

  private progress(epoch: number, loss: number, metrics: TrainingProgress["metrics"], history: EpochRecord[], done = false): TrainingProgress {
    const session = this.session!;
    return {
      epoch,
      epochs: this.options.epochs,
      loss,
      metrics,
      history,
      model: session.model,
      task: session.task,
      examples: session.trainCount,
      done,
      ms: performance.now() - this.startedAt,
      run: this
    };
  }

  /** Frees the training data and optimizer; with `model`, the trained copy too. */
  private release(model: boolean): void {
    const session = this.session;
    if (!session) return;
    if (!this.released) {
      this.released = true;
      tf.dispose([session.xs, session.ys, session.valXs, session.valYs].filter((t): t is tf.Tensor2D => !!t));
      session.optimizer.dispose();
    }
    if (model) {
      session.model.dispose();
      this.session = undefined;
    }
  }
}

function lossOf(classify: boolean, labels: tf.Tensor2D, predicted: tf.Tensor2D): tf.Scalar {
  return classify
    ? (tf.metrics.categoricalCrossentropy(labels, predicted).mean() as tf.Scalar)
    : (tf.losses.meanSquaredError(labels, predicted) as tf.Scalar);
}

/** Moves a seeded random `held` examples out of training into validation. */
function splitValidation(session: Session, held: number, seed: number): void {
  const order = shuffledIndices(session.trainCount, seededRandom(seed ^ 0x5eed));
  const [xs, ys, valXs, valYs] = tf.tidy(() => {
    const trainIndex = tf.tensor1d(order.slice(held), "int32");
    const valIndex = tf.tensor1d(order.slice(0, held), "int32");
    return [session.xs.gather(trainIndex), session.ys.gather(trainIndex), session.xs.gather(valIndex), session.ys.gather(valIndex)];
  });
  tf.dispose([session.xs, session.ys]);
  Object.assign(session, { xs, ys, valXs, valYs, trainCount: session.trainCount - held });
}

async function validate(session: Session, classify: boolean): Promise<Pick<EpochRecord, "valLoss" | "valAccuracy">> {
  const [loss, accuracy] = tf.tidy(() => {
    const predicted = session.model.predict(session.valXs!) as tf.Tensor2D;
    const lossValue = lossOf(classify, session.valYs!, predicted);
    const right = classify ? predicted.argMax(1).equal(session.valYs!.argMax(1)).asType("float32").mean() : tf.scalar(NaN);
    return [lossValue, right];
  });
  const [lossValue, accuracyValue] = await Promise.all([loss.data(), accuracy.data()]);
  tf.dispose([loss, accuracy]);
  return classify ? { valLoss: lossValue[0], valAccuracy: accuracyValue[0] } : { valLoss: lossValue[0] };
}
