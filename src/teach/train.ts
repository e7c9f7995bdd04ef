// train(model, examples) returns an async iterator for a notebook cell: its first value comes at
// once (epoch 0, or the cached result), then the latest state whenever the runtime asks. Training
// runs its own time-sliced loop (many batches per slice, yielding to the page between slices)
// instead of one step per pull, pauses and resumes at a batch boundary (`progress.run`), and stops
// at the next batch when the cell is invalidated (the runtime calls `return()`), releasing every
// tensor it made. It trains a copy of the model, so re-running never mutates another cell's value
// and the same file on the same backend gives the same numbers.
import type * as tf from "@tensorflow/tfjs";
import { checkExamples, labelsOf, type Example } from "./examples.ts";
import { cloneModel } from "./clone.ts";
import { taskOf, type ModelTask } from "./task.ts";
import { nextMacrotask } from "./yield.ts";
import { closeSession, heldOutCount, openSession, trainEpoch, type EpochRecord, type TrainingSession } from "./training-session.ts";
import { architectureKey, loadSnapshot, sharedWeightMemory, snapshotWeights, type WeightMemory } from "./warm-start.ts";
import { cacheEntryOf, restoreWeights, trainingKey, type TrainingCache } from "./training-cache.ts";

export type { EpochRecord } from "./training-session.ts";

export interface TrainOptions {
  /** default 50 */
  epochs?: number;
  /** default 32 */
  batchSize?: number;
  /** Adam's learning rate; default 0.01 */
  learningRate?: number;
  /** seeds the shuffling of each epoch (and the validation split); default 1 */
  seed?: number;
  /** fraction of the examples held out to report validation loss (0 to 0.5); default 0 */
  validationSplit?: number;
  /** start from the weights the latest run of the same architecture ended with; default false */
  warmStart?: boolean;
  /** end early once an epoch's training accuracy (or loss) reaches this */
  until?: { accuracy?: number; loss?: number };
  /** milliseconds of training between yields to the page; default 12 (a frame has ~16) */
  sliceMs?: number;
  /** where trained weights are cached (the kernel sets it); false to always train */
  cache?: TrainingCache | false;
  /** where warm starts find earlier runs' weights (each notebook's `teach` has its own) */
  memory?: WeightMemory;
}

/** "training", "paused" (by stop()), "finished" (all epochs, or `until`), "failed", or "stopped" (invalidated, released). */
export type TrainingState = "training" | "paused" | "finished" | "failed" | "stopped";

/** What a training output's Stop/Resume control uses: the run's state, stop() and resume(). */
export type TrainingControl = Pick<TrainingRun, "state" | "epochsCompleted" | "stop" | "resume">;

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
  /** true on the last value: training finished (all its epochs, or `until` was reached) */
  done: boolean;
  /** true while stopped by `run.stop()` */
  paused: boolean;
  /** true when the result came from the training cache instead of training */
  cached: boolean;
  /** true when training started from a previous run's weights */
  warmStarted: boolean;
  /** milliseconds since training started */
  ms: number;
  /** the run itself, for a Stop/Resume control: `run.state`, `run.stop()`, `run.resume()` */
  run: TrainingRun;
}

const DEFAULTS = { epochs: 50, batchSize: 32, learningRate: 0.01, seed: 1, validationSplit: 0, warmStart: false, until: {}, sliceMs: 12, cache: false as const, memory: sharedWeightMemory };

export function train(model: tf.LayersModel, examples: Example[], options: TrainOptions = {}): TrainingRun {
  if (!model || typeof (model as tf.LayersModel).predict !== "function") throw new TypeError("train: the first argument must be a tfjs LayersModel, e.g. teach.mlp({…})");
  return new TrainingRun(model, checkExamples(examples), { ...DEFAULTS, ...options });
}

export class TrainingRun implements AsyncIterableIterator<TrainingProgress> {
  private session?: TrainingSession;
  private model?: tf.LayersModel;
  private starting?: Promise<TrainingProgress>;
  private loop?: Promise<void>;
  private latest?: TrainingProgress;
  private version = 0;
  private delivered = -1;
  private finished = false;
  private ending = false;
  private pausing = false;
  private resumed?: () => void;
  private failure: unknown;
  private wake?: () => void;
  private startedAt = 0;
  private architecture = "";
  private phase: TrainingState = "training";
  private returning?: Promise<IteratorResult<TrainingProgress>>;

  constructor(
    private readonly template: tf.LayersModel,
    private readonly examples: Example[],
    private readonly options: Required<TrainOptions>
  ) {}

  get state(): TrainingState {
    return this.phase;
  }

  /** how many epochs have completed (the loop may be inside the next one) */
  get epochsCompleted(): number {
    return this.latest?.epoch ?? 0;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<TrainingProgress>> {
    if (!this.starting) {
      this.starting = this.start();
      const first = await this.starting;
      this.delivered = this.version;
      return { done: false, value: first };
    }
    await this.starting;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (this.latest && this.version > this.delivered) {
        this.delivered = this.version;
        return { done: false, value: this.latest };
      }
      if (this.finished || this.ending) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Pauses at the next batch, keeping the model as trained so far (the Stop button). */
  stop(): void {
    if (this.phase === "training") this.pausing = true;
  }

  resume(): void {
    this.pausing = false;
    this.resumed?.();
  }

  /**
   * Stops training at the next batch and releases its tensors and model copy (invalidation). Both
   * the runtime and the cell run's owner call it; the second call waits for the first.
   */
  return(): Promise<IteratorResult<TrainingProgress>> {
    return (this.returning ??= this.end());
  }

  private async end(): Promise<IteratorResult<TrainingProgress>> {
    this.ending = true;
    this.resumed?.();
    this.wake?.();
    const model = this.model;
    if (model && this.phase !== "failed" && this.phase !== "stopped") {
      // Registered at once, before the next run looks: it may warm-start from where this one stops.
      const stopped = (async () => {
        await this.starting?.catch(() => undefined);
        await this.loop;
        return snapshotWeights(model);
      })();
      this.options.memory.remember(this.architecture, stopped);
      await stopped.catch(() => undefined);
    }
    await this.starting?.catch(() => undefined);
    await this.loop;
    this.release();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<TrainingProgress>> {
    await this.return();
    throw error;
  }

  private async start(): Promise<TrainingProgress> {
    this.startedAt = performance.now();
    const { cache, warmStart, epochs, learningRate, seed, validationSplit } = this.options;
    const copy = (this.model = await cloneModel(this.template));
    const task = taskOf(copy, labelsOf(this.examples));
    this.architecture = architectureKey(copy, task);
    // Asked now, before this run could register its own weights under the same key.
    const previous = warmStart ? this.options.memory.recall(this.architecture) : undefined;
    try {
      const key = cache ? await trainingKey(this.template, task, this.examples, this.keyedOptions()) : undefined;
      const hit = key && cache ? await cache.get(key) : undefined;
      if (hit && restoreWeights(copy, hit)) {
        this.phase = "finished";
        this.finished = true;
        const examples = this.examples.length - heldOutCount(this.examples.length, validationSplit);
        return this.publish({ epoch: hit.epoch, history: hit.history, task, examples, done: true, cached: true, warmStarted: false });
      }
      const snapshot = await previous;
      const warmStarted = !!snapshot && loadSnapshot(copy, snapshot);
      this.session = openSession(copy, task, this.examples, { learningRate, seed, validationSplit });
      const first = this.publish({ epoch: 0, history: [], task, examples: this.session.trainCount, done: false, cached: false, warmStarted });
      if (this.ending) this.finished = true;
      else this.loop = this.run(this.session, epochs, key, warmStarted);
      return first;
    } catch (error) {
      this.phase = "failed";
      this.release();
      throw error;
    }
  }

  private async run(session: TrainingSession, epochs: number, key: string | undefined, warmStarted: boolean): Promise<void> {
    const { batchSize, sliceMs, until, cache } = this.options;
    const history: EpochRecord[] = [];
    let sliceStart = performance.now();
    // After each batch: yield to the page once a slice is used up, wait while paused.
    const gate = async (): Promise<boolean> => {
      if (this.ending) return false;
      if (performance.now() - sliceStart > sliceMs) {
        await nextMacrotask();
        sliceStart = performance.now();
      }
      if (this.pausing && !this.ending) await this.pause(history, warmStarted);
      return !this.ending;
    };
    const base = { task: session.task, examples: session.trainCount, cached: false, warmStarted };
    try {
      for (let epoch = 1; epoch <= epochs; epoch++) {
        const record = await trainEpoch(session, epoch, batchSize, () => (this.ending || this.pausing || performance.now() - sliceStart > sliceMs ? gate() : true));
        if (!record) break;
        history.push(record);
        const reached = (until.accuracy !== undefined && (record.accuracy ?? -1) >= until.accuracy) || (until.loss !== undefined && record.loss <= until.loss);
        const done = epoch === epochs || reached;
        if (done) {
          // Written before the last value, so a finished run is in the cache when its cell settles.
          if (key && cache) await cacheEntryOf(session.model, history, epoch).then((entry) => cache.set(key, entry)).catch((error) => console.warn("exemplar: caching trained weights failed:", error));
          this.options.memory.remember(this.architecture, snapshotWeights(session.model));
          this.phase = "finished";
        }
        this.publish({ ...base, epoch, history: history.slice(), done });
        if (done) break;
      }
    } catch (error) {
      this.phase = "failed";
      this.failure = error;
    } finally {
      this.finished = true;
      closeSession(session);
      this.session = undefined;
      this.wake?.();
    }
  }

  private async pause(history: EpochRecord[], warmStarted: boolean): Promise<void> {
    const session = this.session!;
    this.phase = "paused";
    const last = history[history.length - 1];
    this.publish({ epoch: last?.epoch ?? 0, history: history.slice(), task: session.task, examples: session.trainCount, done: false, cached: false, warmStarted });
    await new Promise<void>((resolve) => (this.resumed = resolve));
    this.resumed = undefined;
    if (this.ending) return;
    this.phase = "training";
    this.publish({ epoch: last?.epoch ?? 0, history: history.slice(), task: session.task, examples: session.trainCount, done: false, cached: false, warmStarted });
  }

  private publish(state: Pick<TrainingProgress, "epoch" | "history" | "task" | "examples" | "done" | "cached" | "warmStarted">): TrainingProgress {
    const last = state.history[state.history.length - 1];
    const { epoch: _epoch, loss: _loss, ...metrics } = last ?? { epoch: 0, loss: NaN };
    this.latest = {
      ...state,
      epochs: this.options.epochs,
      loss: last?.loss ?? NaN,
      metrics,
      model: this.model!,
      paused: this.phase === "paused",
      ms: performance.now() - this.startedAt,
      run: this
    };
    this.version++;
    this.wake?.();
    return this.latest;
  }

  /** What decides the trained result, for the cache key (not how it is scheduled). */
  private keyedOptions(): object {
    const { epochs, batchSize, learningRate, seed, validationSplit, warmStart, until } = this.options;
    return { epochs, batchSize, learningRate, seed, validationSplit, warmStart, until };
  }

  /** Frees the training data, the optimizer and the trained copy. */
  private release(): void {
    if (this.session) closeSession(this.session);
    this.session = undefined;
    this.model?.dispose();
    this.model = undefined;
    if (this.phase !== "failed") this.phase = "stopped";
  }
}
