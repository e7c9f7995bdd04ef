// One training in a trainer elsewhere, as the notebook sees it: an async iterator of progress
// values like train()'s, with the same controls (pause/resume, stop, return) and the same
// reports (state, why it ended, its work clock). The model in its values is a copy in the page
// that takes the trainer's weights at every value; warm start and the training cache are the
// notebook's, answered when the trainer asks. Invalidation (return) ends the remote run at its
// next batch and waits until the trainer says its tensors are free.
import type * as tf from "@tensorflow/tfjs";
import type { Example } from "./examples.ts";
import { cloneModel } from "./clone.ts";
import type { TrainingControl, TrainOptions, TrainingEnd, TrainingProgress, TrainingRun, TrainingState } from "./train.ts";
import { failedEnd } from "./stop-rule.ts";
import { architectureKey, sharedWeightMemory, type WeightSnapshot } from "./warm-start.ts";
import { examplesToSend, modelPayload, setWeightValues, tensorMemory, type ProgressData, type TensorMemory, type TrainerEvent, type TrainerRequest } from "./trainer-contract.ts";

/** Where a training runs, said on its progress values (the panel shows it). */
export interface TrainerInfo {
  where: "page" | "worker";
  /** why it trains where it does, when a person should know */
  note?: string;
  /** tensors held by the page and by the worker, as of this value */
  memory?: { page: TensorMemory; worker: TensorMemory };
}

export type TrainerProgress = TrainingProgress & { trainer?: TrainerInfo };

/** What a run needs of its trainer's channel. */
export interface RunChannel {
  /** the trainer is up and will route this run's events here */
  open(): Promise<void>;
  send(request: TrainerRequest, transfer?: Transferable[]): void;
  forget(): void;
}

export class RemoteTrainingRun implements AsyncIterableIterator<TrainerProgress>, TrainingControl {
  private phase: TrainingState = "training";
  private latest?: TrainerProgress;
  /** when the latest value came: the trainer's clock runs on between values */
  private latestAt = 0;
  private version = 0;
  private delivered = -1;
  private finished = false;
  private ending = false;
  private failure: unknown;
  private failedWith?: TrainingEnd;
  private wake?: () => void;
  private mirror?: tf.LayersModel;
  private starting?: Promise<TrainerProgress>;
  private first?: { resolve: (value: TrainerProgress) => void; reject: (error: unknown) => void };
  private ended?: () => void;
  private readonly endedSignal = new Promise<void>((resolve) => (this.ended = resolve));
  private remote = false;
  private fallback?: TrainingRun;
  /** why it trains in the page after all */
  private note?: string;
  private architecture?: string;
  /** warm-start weights the notebook waits for from this run, by architecture */
  private readonly remembering = new Map<string, (snapshot?: WeightSnapshot) => void>();
  private returning?: Promise<IteratorResult<TrainerProgress>>;
  /** stopped before the trainer had the run */
  private stopAtStart = false;

  constructor(
    private readonly channel: RunChannel,
    readonly id: number,
    private readonly template: tf.LayersModel,
    private readonly examples: Example[],
    private readonly options: TrainOptions,
    private readonly backend: string,
    private readonly trainHere: () => TrainingRun
  ) {}

  get state(): TrainingState {
    return this.fallback?.state ?? this.phase;
  }

  /** why training ended, once it has */
  get end(): TrainingEnd | undefined {
    return this.fallback ? this.fallback.end : (this.failedWith ?? this.latest?.end);
  }

  /** milliseconds of training, pauses excluded: the trainer's clock as of its latest value, run on since */
  get elapsedMs(): number {
    if (this.fallback) return this.fallback.elapsedMs;
    const ms = this.latest?.ms ?? 0;
    return this.phase === "training" && this.latest ? ms + performance.now() - this.latestAt : ms;
  }

  get paused(): boolean {
    return this.state === "paused";
  }

  get epochsCompleted(): number {
    return this.fallback?.epochsCompleted ?? this.latest?.epoch ?? 0;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<TrainerProgress>> {
    if (!this.starting) {
      this.starting = this.start();
      const value = await this.starting;
      this.delivered = this.version;
      return { done: false, value };
    }
    await this.starting;
    if (this.fallback) return this.fromPage(await this.fallback.next());
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

  /** Holds at the trainer's next batch, the model so far kept (the panel's Pause). */
  pause(): void {
    if (this.fallback) this.fallback.pause();
    else if (this.phase === "training" && this.remote) this.channel.send({ type: "pause", run: this.id });
  }

  resume(): void {
    if (this.fallback) this.fallback.resume();
    else if (this.remote) this.channel.send({ type: "resume", run: this.id });
  }

  /** Ends at the trainer's next batch, keeping the model so far (the cell's Stop). */
  stop(): void {
    if (this.fallback) this.fallback.stop();
    else if (this.phase !== "training" && this.phase !== "paused") return;
    else if (this.remote) this.channel.send({ type: "stop", run: this.id });
    // Not started yet (the cell's Stop came while the backend was being chosen): it ends at once.
    else this.stopAtStart = true;
  }

  /** Invalidation: the trainer stops at its next batch and frees its tensors; the page's copy goes. */
  return(): Promise<IteratorResult<TrainerProgress>> {
    return (this.returning ??= this.endAndRelease());
  }

  async throw(error: unknown): Promise<IteratorResult<TrainerProgress>> {
    await this.return();
    throw error;
  }

  /** An event of this run from the trainer. */
  receive(event: TrainerEvent): void {
    switch (event.type) {
      case "progress": {
        if (!this.mirror || this.ending) return;
        setWeightValues(this.mirror, event.weights);
        this.phase = event.state;
        this.architecture ??= architectureKey(this.mirror, event.progress.task);
        if (event.progress.done) this.finished = true;
        this.publish(event.progress, event.memory);
        break;
      }
      case "ask":
        void this.answer(event);
        break;
      case "remembering":
        this.expectWeights(event.key);
        break;
      case "remembered": {
        const resolve = this.remembering.get(event.key);
        this.remembering.delete(event.key);
        if (resolve) resolve(event.snapshot);
        else if (event.snapshot) this.memory.remember(event.key, Promise.resolve(event.snapshot));
        break;
      }
      case "cache-set":
        if (this.options.cache) this.options.cache.set(event.key, event.entry).catch((error) => console.warn("exemplar: caching trained weights failed:", error));
        break;
      case "failed":
        this.fail(new Error(event.message), event.end);
        break;
      case "ended":
        // Nothing more comes from the trainer for this run.
        this.finished = true;
        this.channel.forget();
        this.ended?.();
        this.wake?.();
        break;
      case "refused":
        // Built here, not there (a custom layer): the page trains it, and says so.
        this.useFallback(`trains in the page: the worker cannot build this model (${event.message.split(". ")[0]})`);
        break;
    }
  }

  /** The trainer is gone (crashed, or the notebook closed). */
  lost(message: string): void {
    if (!this.ending && !this.finished) this.fail(new Error(message));
    this.finished = true;
    this.ended?.();
    this.wake?.();
  }

  private get memory() {
    return this.options.memory ?? sharedWeightMemory;
  }

  /** A run of this architecture is ending: the notebook's next warm start waits for its weights. */
  private expectWeights(key: string): void {
    if (this.remembering.has(key)) return;
    this.memory.remember(key, new Promise<WeightSnapshot | undefined>((resolve) => this.remembering.set(key, resolve)));
  }

  private async endAndRelease(): Promise<IteratorResult<TrainerProgress>> {
    this.ending = true;
    this.wake?.();
    await this.starting?.catch(() => undefined);
    if (this.fallback) await this.fallback.return();
    else if (this.remote) {
      if (!this.finished) {
        // Expected at once, before the next run asks: it may warm-start from where this one stops.
        if (this.architecture && this.phase !== "failed") this.expectWeights(this.architecture);
        this.channel.send({ type: "end", run: this.id });
      }
      // A finished run frees its tensors in the trainer by itself; either way, wait until it has.
      await this.endedSignal;
    }
    // A trainer that is gone tells nothing more.
    for (const resolve of this.remembering.values()) resolve(undefined);
    this.remembering.clear();
    this.channel.forget();
    this.mirror?.dispose();
    this.mirror = undefined;
    if (this.phase !== "failed") this.phase = "stopped";
    return { done: true, value: undefined };
  }

  private async start(): Promise<TrainerProgress> {
    this.mirror = await cloneModel(this.template);
    let model;
    try {
      model = await modelPayload(this.template);
    } catch (error) {
      return this.useFallback(`trains in the page: the model cannot be copied to a worker (${(error as Error).message})`);
    }
    const firstValue = new Promise<TrainerProgress>((resolve, reject) => (this.first = { resolve, reject }));
    const examples = await examplesToSend(this.examples);
    await this.channel.open();
    this.remote = true;
    const { cache, memory: _memory, ...options } = this.options;
    this.channel.send({ type: "train", run: this.id, model, examples: examples.payload, options, cache: !!cache, backend: this.backend }, examples.transfer);
    if (this.stopAtStart) this.channel.send({ type: "stop", run: this.id });
    return firstValue;
  }

  private useFallback(note: string): Promise<TrainerProgress> {
    this.mirror?.dispose();
    this.mirror = undefined;
    this.remote = false;
    this.ended?.();
    const run = (this.fallback = this.trainHere());
    if (this.stopAtStart) run.stop();
    const first = run.next().then((result) => this.fromPage(result, note).value as TrainerProgress);
    this.first?.resolve(first as unknown as TrainerProgress);
    this.note = note;
    return first;
  }

  private fromPage(result: IteratorResult<TrainingProgress>, note = this.note): IteratorResult<TrainerProgress> {
    return result.done ? result : { done: false, value: { ...result.value, trainer: { where: "page", note } } };
  }

  private publish(progress: ProgressData, workerMemory: TensorMemory): void {
    this.latest = { ...progress, model: this.mirror!, run: this, trainer: { where: "worker", memory: { page: tensorMemory(), worker: workerMemory } } };
    this.latestAt = performance.now();
    this.version++;
    this.first?.resolve(this.latest);
    this.first = undefined;
    this.wake?.();
  }

  private fail(error: Error, end?: TrainingEnd): void {
    this.phase = "failed";
    this.failure = error;
    this.failedWith = end ?? failedEnd(this.epochsCompleted, error);
    this.first?.reject(error);
    this.first = undefined;
    this.wake?.();
  }

  private async answer(event: Extract<TrainerEvent, { type: "ask" }>): Promise<void> {
    const { question } = event;
    let value: unknown;
    try {
      if (question.kind === "recall") value = await this.memory.recall(question.key);
      else value = this.options.cache ? await this.options.cache.get(question.key) : undefined;
    } catch (error) {
      console.warn(`exemplar: answering the trainer's ${question.kind} failed:`, error);
    }
    this.channel.send({ type: "answer", id: event.id, value });
  }
}
