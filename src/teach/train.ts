// train(model, examples) returns an async iterator for a notebook cell: its first value comes at
// once (epoch 0, or the cached result), then the latest state whenever the runtime asks. Training
// runs its own time-sliced loop (many batches per slice, yielding to the page between slices)
// instead of one step per pull, pauses and resumes at a batch boundary (`run.pause()`), ends early
// keeping its model (`run.stop()`, the cell's Stop), and at the next batch when the cell is
// invalidated (the runtime calls `return()`), releasing every tensor it made. It trains a copy of
// the model, so re-running never mutates another cell's value and the same file on the same
// backend gives the same numbers. The numbers it reports at the end are the final model's on its
// examples (stop-rule.ts says when it ends, and why).
import type * as tf from "@tensorflow/tfjs";
import { checkExamples, labelsOf, type Example } from "./examples.ts";
import { cloneModel } from "./clone.ts";
import { taskOf } from "./task.ts";
import { WorkClock } from "./work-clock.ts";
import { closeSession, heldOutCount, openSession, type EpochRecord, type Measurement, type TrainingSession } from "./training-session.ts";
import { runEpochs, type LoopControl } from "./training-loop.ts";
import type { TrainingControl, TrainingProgress, TrainingState, TrainOptions } from "./training-progress.ts";
import { checkStopOptions, failedEnd, type TrainingEnd } from "./stop-rule.ts";
import { architectureKey, loadSnapshot, sharedWeightMemory, snapshotWeights, WARM_START_LEARNING_RATE_SCALE } from "./warm-start.ts";
import { cacheEntryOf, restoreWeights, trainingKey } from "./training-cache.ts";

export type { EpochRecord } from "./training-session.ts";
export type { TrainingEnd } from "./stop-rule.ts";
export type { TrainOptions, TrainingState, TrainingControl, TrainingProgress } from "./training-progress.ts";

const DEFAULTS = { epochs: 50, batchSize: 32, learningRate: 0.01, seed: 1, validationSplit: 0, warmStart: false, until: {}, patience: 1, sliceMs: 12, cache: false as const, memory: sharedWeightMemory };

export function train(model: tf.LayersModel, examples: Example[], options: TrainOptions = {}): TrainingRun {
  if (!model || typeof (model as tf.LayersModel).predict !== "function") throw new TypeError("train: the first argument must be a tfjs LayersModel, e.g. teach.mlp({…})");
  const settings = { ...DEFAULTS, ...options, until: options.until ?? DEFAULTS.until, patience: options.patience ?? DEFAULTS.patience };
  checkStopOptions(settings.until, settings.patience);
  return new TrainingRun(model, checkExamples(examples), settings);
}

export class TrainingRun implements AsyncIterableIterator<TrainingProgress>, TrainingControl {
  private session?: TrainingSession;
  private model?: tf.LayersModel;
  private starting?: Promise<TrainingProgress>;
  private loop?: Promise<void>;
  private latest?: TrainingProgress;
  private version = 0;
  private delivered = -1;
  private finished = false;
  private ending = false;
  private stopping = false;
  private pausing = false;
  private resumed?: () => void;
  private failure: unknown;
  private wake?: () => void;
  private ended?: TrainingEnd;
  private readonly clock = new WorkClock();
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

  /** why training ended, once it has (a run released by its cell's re-run has none) */
  get end(): TrainingEnd | undefined {
    return this.ended;
  }

  /** milliseconds of training so far, pauses excluded (what the panel and the cell's footer show) */
  get elapsedMs(): number {
    return this.clock.ms;
  }

  get paused(): boolean {
    return this.phase === "paused";
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

  /** Pauses at the next batch, keeping the model as trained so far (the panel's Pause). */
  pause(): void {
    if (this.phase === "training") this.pausing = true;
  }

  resume(): void {
    this.pausing = false;
    this.resumed?.();
  }

  /** Ends training at the next batch, keeping the model as trained so far (the cell's Stop). */
  stop(): void {
    if (this.phase !== "training" && this.phase !== "paused") return;
    this.stopping = true;
    this.resume();
  }

  /**
   * Stops training at the next batch and releases its tensors and model copy (invalidation). Both
   * the runtime and the cell run's owner call it; the second call waits for the first.
   */
  return(): Promise<IteratorResult<TrainingProgress>> {
    return (this.returning ??= this.endAndRelease());
  }

  private async endAndRelease(): Promise<IteratorResult<TrainingProgress>> {
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
    const { cache, warmStart, learningRate, seed, validationSplit } = this.options;
    const copy = (this.model = await cloneModel(this.template));
    const task = taskOf(copy, labelsOf(this.examples));
    this.architecture = architectureKey(copy, task);
    // Asked now, before this run could register its own weights under the same key.
    const previous = warmStart ? this.options.memory.recall(this.architecture) : undefined;
    try {
      const key = cache ? await trainingKey(this.template, task, this.examples, this.keyedOptions()) : undefined;
      const hit = key && cache ? await cache.get(key) : undefined;
      if (hit && restoreWeights(copy, hit)) {
        this.finish(hit.end ?? { reason: "epochs", epoch: hit.epoch, text: `${hit.epoch} epochs` });
        const examples = this.examples.length - heldOutCount(this.examples.length, validationSplit);
        return this.publish({ epoch: hit.epoch, history: hit.history, task, examples, done: true, cached: true, warmStarted: false });
      }
      const snapshot = await previous;
      const warmStarted = !!snapshot && loadSnapshot(copy, snapshot);
      const rate = warmStarted ? learningRate * WARM_START_LEARNING_RATE_SCALE : learningRate;
      this.session = openSession(copy, task, this.examples, { learningRate: rate, seed, validationSplit });
      const first = this.publish({ epoch: 0, history: [], task, examples: this.session.trainCount, done: false, cached: false, warmStarted });
      if (this.ending) this.finished = true;
      else this.loop = this.run(this.session, key, warmStarted);
      return first;
    } catch (error) {
      this.phase = "failed";
      this.release();
      throw error;
    }
  }

  private async run(session: TrainingSession, key: string | undefined, warmStarted: boolean): Promise<void> {
    const { cache } = this.options;
    const base = { task: session.task, examples: session.trainCount, cached: false, warmStarted };
    const control: LoopControl = {
      wanted: () => (this.ending ? "end" : this.stopping ? "stop" : this.pausing ? "pause" : "go"),
      epochDone: (history) => void this.publish({ ...base, epoch: history.length, history: history.slice(), done: false }),
      paused: (history, measure) => this.holdPaused(history, measure, base)
    };
    try {
      const result = await runEpochs(session, this.options, control);
      if (!result) return;
      // Written before the last value, so a finished run is in the cache when its cell settles.
      if (key && cache && result.end.reason !== "stopped") await cacheEntryOf(session.model, result.history, result.end).then((entry) => cache.set(key, entry)).catch((error) => console.warn("exemplar: caching trained weights failed:", error));
      this.options.memory.remember(this.architecture, snapshotWeights(session.model));
      this.finish(result.end);
      this.publish({ ...base, epoch: result.end.epoch, history: result.history, done: true }, result.final);
    } catch (error) {
      this.phase = "failed";
      this.ended = failedEnd(this.epochsCompleted, error);
      this.clock.stop();
      this.failure = error;
    } finally {
      this.finished = true;
      closeSession(session);
      this.session = undefined;
      this.wake?.();
    }
  }

  /** While paused: shows the paused model's numbers (it may be part-way through an epoch), waits for resume. */
  private async holdPaused(history: EpochRecord[], measure: () => Promise<Measurement | undefined>, base: Pick<TrainingProgress, "task" | "examples" | "cached" | "warmStarted">): Promise<void> {
    this.phase = "paused";
    this.clock.pause();
    const state = { ...base, epoch: history.length, history: history.slice(), done: false };
    const now = history.length > 0 ? await measure() : undefined;
    this.publish(state, now);
    if (this.pausing && !this.ending && !this.stopping) await new Promise<void>((resolve) => (this.resumed = resolve));
    this.resumed = undefined;
    this.clock.resume();
    this.phase = "training";
    if (!this.ending && !this.stopping) this.publish(state, now);
  }

  private finish(end: TrainingEnd): void {
    this.ended = end;
    this.phase = "finished";
    this.finished = true;
    this.clock.stop();
  }

  private publish(state: Pick<TrainingProgress, "epoch" | "history" | "task" | "examples" | "done" | "cached" | "warmStarted">, measured?: Measurement): TrainingProgress {
    const last = state.history[state.history.length - 1];
    const { epoch: _epoch, loss: _loss, ...metrics } = { ...(last ?? { epoch: 0, loss: NaN }), ...measured };
    this.latest = {
      ...state,
      epochs: this.options.epochs,
      loss: measured?.loss ?? last?.loss ?? NaN,
      metrics,
      model: this.model!,
      end: state.done ? this.ended : undefined,
      paused: this.phase === "paused",
      ms: this.clock.ms,
      run: this
    };
    this.version++;
    this.wake?.();
    return this.latest;
  }

  /** What decides the trained result, for the cache key (not how it is scheduled). */
  private keyedOptions(): object {
    const { epochs, batchSize, learningRate, seed, validationSplit, warmStart, until, patience } = this.options;
    return { epochs, batchSize, learningRate, seed, validationSplit, warmStart, until, patience };
  }

  /** Frees the training data, the optimizer and the trained copy. */
  private release(): void {
    if (this.session) closeSession(this.session);
    this.session = undefined;
    this.model?.dispose();
    this.model = undefined;
    this.clock.stop();
    if (this.phase !== "failed") this.phase = "stopped";
  }
}
