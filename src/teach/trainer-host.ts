// The trainer's side of the contract (trainer-contract.ts): what a Web Worker (or any other realm
// with tfjs) runs to train for the page. Each run is the kit's own `train` (train.ts: the training
// loop, the stop rule, patience, the work clock) on a model built from the page's payload; the
// training cache and warm-start memory it consults are the page's, asked for over the same
// channel. It yields after every batch (a worker has no frames to keep, only messages to read), so
// a pause, a stop or an end takes effect at the next batch.
import * as tf from "@tensorflow/tfjs";
import type { Example } from "./examples.ts";
import { train, type TrainingProgress, type TrainingRun } from "./train.ts";
import { WeightMemory, type WeightSnapshot } from "./warm-start.ts";
import type { CachedTraining, TrainingCache } from "./cache-entry.ts";
import { timeTrainingSteps } from "./step-timing.ts";
import { examplesFromPayload, modelFromPayload, tensorMemory, weightValues, type TrainerEvent, type TrainerPort, type TrainerQuestion, type TrainerRequest } from "./trainer-contract.ts";

export interface TrainerHostOptions {
  /** the backends this realm started, in order of preference */
  backends: string[];
  /** why a backend is missing ("webgpu: no adapter") */
  notes?: string[];
}

/** Serves trainings on `port` until the realm ends. */
export function serveTrainer(port: TrainerPort, { backends, notes = [] }: TrainerHostOptions): void {
  const runs = new Map<number, HostedRun>();
  const questions = new Map<number, (value: unknown) => void>();
  let nextQuestion = 0;
  const post = (event: TrainerEvent) => port.postMessage(event);
  const ask = (run: number, question: TrainerQuestion) =>
    new Promise<unknown>((resolve) => {
      const id = nextQuestion++;
      questions.set(id, resolve);
      post({ type: "ask", run, id, question });
    });

  port.onmessage = (event: MessageEvent) => {
    const request = event.data as TrainerRequest;
    switch (request.type) {
      case "time":
        void time(request, post);
        break;
      case "train": {
        const hosted = new HostedRun(request.run, post, ask, use);
        runs.set(request.run, hosted);
        void hosted.start(request).finally(() => runs.delete(request.run));
        break;
      }
      case "pause":
        runs.get(request.run)?.training?.pause();
        break;
      case "resume":
        runs.get(request.run)?.training?.resume();
        break;
      case "stop":
        runs.get(request.run)?.training?.stop();
        break;
      case "end":
        void (runs.get(request.run)?.end() ?? Promise.resolve(post({ type: "ended", run: request.run, memory: tensorMemory() })));
        break;
      case "answer":
        questions.get(request.id)?.(request.value);
        questions.delete(request.id);
        break;
    }
  };
  post({ type: "ready", backends, notes, memory: tensorMemory() });

  async function use(backend: string): Promise<void> {
    if (tf.getBackend() === backend) return;
    if (!backends.includes(backend) || !(await tf.setBackend(backend))) throw new Error(`the tfjs backend "${backend}" is not available in the trainer (available: ${backends.join(", ")})`);
  }

  async function time(request: Extract<TrainerRequest, { type: "time" }>, send: (event: TrainerEvent) => void): Promise<void> {
    let model: tf.LayersModel;
    try {
      model = await modelFromPayload(request.model);
    } catch (error) {
      send({ type: "refused", id: request.id, message: (error as Error).message });
      return;
    }
    // Trainings running here keep their backend: timing switches it only while it times.
    const current = tf.getBackend();
    try {
      const wanted = request.backends ? backends.filter((name) => request.backends!.includes(name)) : backends;
      const { batchSize, learningRate, steps, beatMs } = request;
      const timings = await timeTrainingSteps(model, examplesFromPayload(request.examples), { backends: wanted, use, batchSize, learningRate, steps, beatMs });
      send({ type: "timed", id: request.id, timings });
    } catch (error) {
      send({ type: "refused", id: request.id, message: (error as Error).message });
    } finally {
      model.dispose();
      await use(current).catch(() => undefined);
    }
  }
}

/** One training run in the trainer: the kit's train(), its progress posted with the weights so far. */
class HostedRun {
  training?: TrainingRun;
  private ending = false;
  private finished?: Promise<void>;
  /** warm-start weights still being read: each is told to the page before the run's "ended" */
  private readonly remembering = new Set<Promise<void>>();

  constructor(
    private readonly id: number,
    private readonly post: (event: TrainerEvent) => void,
    private readonly ask: (run: number, question: TrainerQuestion) => Promise<unknown>,
    private readonly use: (backend: string) => Promise<void>
  ) {}

  async start(request: Extract<TrainerRequest, { type: "train" }>): Promise<void> {
    let template: tf.LayersModel;
    let examples: Example[];
    try {
      await this.use(request.backend);
      template = await modelFromPayload(request.model);
      examples = examplesFromPayload(request.examples);
    } catch (error) {
      this.post({ type: "refused", run: this.id, message: (error as Error).message });
      return;
    }
    const run = (this.training = train(template, examples, { ...request.options, sliceMs: 0, cache: request.cache ? this.cache() : false, memory: this.memory() }));
    this.finished = this.follow(run, template);
    await this.finished;
  }

  /** Invalidation: stop at the next batch, free the run's tensors, say so. */
  async end(): Promise<void> {
    this.ending = true;
    await this.training?.return();
    await this.finished;
  }

  private async follow(run: TrainingRun, template: tf.LayersModel): Promise<void> {
    let templateHeld = true;
    try {
      for (;;) {
        const result = await run.next();
        // The run has its own copy once it has started.
        if (templateHeld) template.dispose();
        templateHeld = false;
        if (result.done || this.ending) break;
        await this.report(result.value);
        // Trained to the end: its weights are in the page now, so the copy here goes.
        if (result.value.done) break;
      }
    } catch (error) {
      this.post({ type: "failed", run: this.id, message: (error as Error).message ?? String(error), end: run.end });
    } finally {
      if (templateHeld) template.dispose();
      await run.return();
      await Promise.all(this.remembering);
      this.post({ type: "ended", run: this.id, memory: tensorMemory() });
    }
  }

  private async report(progress: TrainingProgress): Promise<void> {
    const { model, run, ...data } = progress;
    const weights = await weightValues(model);
    this.post({ type: "progress", run: this.id, state: run.state, progress: data, weights, memory: tensorMemory() });
  }

  /** The page's training cache, asked over the channel. */
  private cache(): TrainingCache {
    return {
      get: async (key) => (await this.ask(this.id, { kind: "cache-get", key })) as CachedTraining | undefined,
      set: async (key, entry) => this.post({ type: "cache-set", run: this.id, key, entry })
    };
  }

  /** The page's warm-start memory: recalled over the channel, told at once that this run is ending, then its weights. */
  private memory(): WeightMemory {
    const { post, id, ask, remembering } = this;
    return new (class extends WeightMemory {
      override remember(key: string, snapshot: Promise<WeightSnapshot | undefined>): void {
        post({ type: "remembering", run: id, key });
        const told = snapshot
          .catch(() => undefined)
          .then((value) => post({ type: "remembered", run: id, key, snapshot: value }))
          .finally(() => remembering.delete(told));
        remembering.add(told);
      }
      override recall(key: string): Promise<WeightSnapshot | undefined> {
        return ask(id, { kind: "recall", key }) as Promise<WeightSnapshot | undefined>;
      }
    })();
  }
}
