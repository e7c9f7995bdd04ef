// Training on the fastest backend for the model at hand: before a training's first tensor, time a
// few of its real steps on every candidate backend, switch to the fastest, and remember the
// choice for the same shapes (so a re-train after an edited example costs no measuring). tfjs has
// one active backend per page or process: tensors made earlier (the examples, the model a cell
// built) stay where they are and tfjs moves each one on its first use on the new backend.
import * as tf from "@tensorflow/tfjs";
import type { Example } from "./examples.ts";
import { chooseFastest, describeChoice, trainingShapeKey, trainingSteps, type BackendChoice } from "./backend-choice.ts";
import { timeTrainingSteps } from "./step-timing.ts";

export interface TrainingRequest {
  model: tf.LayersModel;
  examples: Example[];
  batchSize: number;
  learningRate?: number;
  /** the epochs asked for, against which a GPU's one-time shader compilation is weighed */
  epochs?: number;
  /** a backend the cell pinned (`teach.train(…, {backend: "cpu"})`) */
  backend?: string;
  /** a trainer the cell pinned (`teach.train(…, {trainer: "worker"})`) */
  trainer?: "page" | "worker";
}

export type BackendChooser = (request: TrainingRequest) => Promise<BackendChoice>;

export interface BackendChooserOptions {
  /** the backends that may be chosen (ready to use); the current one is timed first */
  candidates: () => string[];
  /** a backend pinned for every training (the CLI's --backend) */
  pinned?: string;
  /** rough milliseconds of timed steps per backend; default 100 */
  budgetMs?: number;
  /** when the current backend's steps take longer, time no other here (see step-timing.ts's giveUpAboveMs) */
  stepLimitMs?: number;
  /** which of the candidates to time (the others can still be pinned); default all */
  timed?: (candidates: string[]) => string[];
}

export function createBackendChooser({ candidates, pinned, budgetMs, stepLimitMs, timed = (names) => names }: BackendChooserOptions): BackendChooser {
  const cache = new Map<string, BackendChoice>();
  // One choice at a time: measuring switches the backend every cell shares.
  let queue: Promise<unknown> = Promise.resolve();

  async function choose(request: TrainingRequest): Promise<BackendChoice> {
    const pin = request.backend ?? pinned;
    if (pin) {
      await useBackend(pin, candidates());
      return { backend: pin, reason: "pinned", timings: [], measureMs: 0, summary: describeChoice(pin, "pinned", []) };
    }
    const key = trainingShapeKey({
      weightShapes: request.model.trainableWeights.map((weight) => weight.shape as number[]),
      batchSize: request.batchSize,
      examples: request.examples.length,
      epochs: request.epochs
    });
    const steps = request.epochs ? trainingSteps({ examples: request.examples.length, batchSize: request.batchSize, epochs: request.epochs }) : undefined;
    const known = cache.get(key);
    if (known) {
      await useBackend(known.backend, candidates());
      return { ...known, reason: "cached", measureMs: 0, summary: describeChoice(known.backend, "cached", known.timings) };
    }
    const started = performance.now();
    const current = tf.getBackend();
    const ready = candidates();
    const timeable = timed(ready);
    const order = timeable.includes(current) ? [current, ...timeable.filter((name) => name !== current)] : timeable;
    const timings = await timeTrainingSteps(request.model, request.examples, {
      backends: order,
      use: (name) => useBackend(name, ready),
      batchSize: request.batchSize,
      learningRate: request.learningRate,
      budgetMs,
      steps,
      giveUpAboveMs: stepLimitMs
    });
    const backend = chooseFastest(timings, current, undefined, steps) ?? current;
    await useBackend(backend, ready);
    const choice: BackendChoice = { backend, reason: "measured", timings, measureMs: performance.now() - started, summary: describeChoice(backend, "measured", timings) };
    cache.set(key, choice);
    return choice;
  }

  return (request) => {
    const result = queue.then(() => choose(request));
    queue = result.catch(() => undefined);
    return result;
  };
}

async function useBackend(name: string, ready: string[]): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!ready.includes(name) || !(await tf.setBackend(name))) {
    throw new Error(`the tfjs backend "${name}" is not available here (available: ${ready.join(", ") || "none"})`);
  }
}

export interface TrainingLike<P> extends AsyncIterableIterator<P> {
  stop?(): void;
  readonly elapsedMs?: number;
  readonly paused?: boolean;
}

export type TrainFunction<P, O> = (model: tf.LayersModel, examples: Example[], options?: O) => TrainingLike<P>;

/**
 * `train` with its backend chosen first; every progress value carries the choice as `backend`.
 * `elsewhere` gives the run for a choice that trains off the page (a worker), else undefined.
 */
export function trainOnChosenBackend<P extends object, O extends { batchSize?: number; learningRate?: number; epochs?: number }>(
  train: TrainFunction<P, O>,
  chooser: BackendChooser,
  onChoice?: (choice: BackendChoice) => void,
  elsewhere?: (choice: BackendChoice, model: tf.LayersModel, examples: Example[], options: O) => TrainingLike<P> | undefined
): (model: tf.LayersModel, examples: Example[], options?: O & { backend?: string; trainer?: "page" | "worker" }) => TrainingOnChosenBackend<P> {
  return (model, examples, options) => {
    const { backend, trainer, ...trainOptions } = options ?? ({} as O & { backend?: string; trainer?: "page" | "worker" });
    if (trainer !== undefined && trainer !== "page" && trainer !== "worker") throw new TypeError(`train: trainer must be "page" or "worker", got ${JSON.stringify(trainer)}`);
    // train() checks its arguments now, so a bad call still fails at once; its tensors wait for next().
    const run = train(model, examples, trainOptions as unknown as O);
    // Train's own default batch size, learning rate and epochs.
    const request = { model, examples, backend, trainer, batchSize: trainOptions.batchSize ?? 32, learningRate: trainOptions.learningRate ?? 0.01, epochs: trainOptions.epochs ?? 50 };
    return new TrainingOnChosenBackend(
      run,
      async () => {
        const choice = await chooser(request);
        onChoice?.(choice);
        return choice;
      },
      elsewhere && ((choice) => elsewhere(choice, model, examples, trainOptions as unknown as O))
    );
  };
}

export class TrainingOnChosenBackend<P extends object> implements AsyncIterableIterator<P & { backend: BackendChoice }> {
  private choosing?: Promise<BackendChoice>;
  private ended = false;
  private stopped = false;

  constructor(
    private run: TrainingLike<P>,
    private readonly choose: () => Promise<BackendChoice>,
    private readonly relocate?: (choice: BackendChoice) => TrainingLike<P> | undefined
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<P & { backend: BackendChoice }>> {
    const choice = await (this.choosing ??= this.choose().then(async (choice) => {
      // Chosen to train elsewhere: the page's run never started, so it holds nothing.
      const moved = this.ended ? undefined : this.relocate?.(choice);
      if (moved) {
        await this.run.return?.();
        this.run = moved;
        // The cell's Stop came while choosing: the moved run ends at once, keeping its first model.
        if (this.stopped) moved.stop?.();
      }
      return choice;
    }));
    // Invalidated while choosing: the training never starts, so it makes no tensors.
    if (this.ended) return { done: true, value: undefined };
    const result = await this.run.next();
    return result.done ? { done: true, value: undefined } : { done: false, value: { ...result.value, backend: choice } };
  }

  /** Ends training at the next batch and keeps the model (the cell's Stop; the runtime's stop()). */
  stop(): void {
    this.stopped = true;
    this.run.stop?.();
  }

  /** The run's work clock (choosing the backend counts as work), for the cell's footer. */
  get elapsedMs(): number | undefined {
    return this.run.elapsedMs;
  }

  get paused(): boolean {
    return this.run.paused === true;
  }

  async return(): Promise<IteratorResult<P & { backend: BackendChoice }>> {
    this.ended = true;
    await this.choosing?.catch(() => undefined);
    await this.run.return?.();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<P & { backend: BackendChoice }>> {
    await this.return();
    throw error;
  }
}
