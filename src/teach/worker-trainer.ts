// The page's side of the trainer contract (trainer-contract.ts): a trainer in a Web Worker (or
// any realm behind a message port), started on first use, and the runs it trains. A run looks to
// the notebook exactly like train()'s: the same progress values (the model in them a copy in the
// page, given the worker's weights at every epoch), the same stop/resume/return, errors in the
// cell, warm start and the training cache from the notebook's own. A worker that crashes fails
// its runs with a cell error; the next training starts a new one.
import type * as tf from "@tensorflow/tfjs";
import type { Example } from "./examples.ts";
import type { BackendTiming } from "./backend-choice.ts";
import type { TrainOptions, TrainingRun } from "./train.ts";
import { RemoteTrainingRun } from "./remote-run.ts";
import { firstExamples } from "./example-set.ts";
import { examplesPayload, modelPayload, type TensorMemory, type TrainerEvent, type TrainerPort, type TrainerRequest } from "./trainer-contract.ts";

export type { RemoteTrainingRun, TrainerInfo, TrainerProgress } from "./remote-run.ts";

/** A Worker, as far as the trainer needs one. */
export interface TrainerConnection extends TrainerPort {
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** A model the trainer cannot build here (a custom layer): it trains in the page instead. */
export class TrainerRefusal extends Error {}

export interface TrainerReady {
  backends: string[];
  notes: string[];
}

export class WorkerTrainer {
  private connection?: TrainerConnection;
  private opened?: Promise<TrainerReady>;
  private failOpen?: (error: Error) => void;
  private readonly runs = new Map<number, RemoteTrainingRun>();
  private readonly timings = new Map<number, { resolve: (timings: BackendTiming[]) => void; reject: (error: Error) => void }>();
  private counter = 0;
  /** the worker's tensors, as it last said */
  memory?: TensorMemory;

  constructor(private readonly connect: () => TrainerConnection) {}

  /** Starts the worker (once) and resolves with the backends it can train on. */
  ready(): Promise<TrainerReady> {
    if (!this.opened) {
      this.opened = new Promise<TrainerReady>((resolve, reject) => {
        this.failOpen = reject;
        const connection = (this.connection = this.connect());
        connection.onmessage = (event) => this.receive(event.data as TrainerEvent, resolve);
        connection.onerror = (event) => this.crash(event?.message || "an uncaught error");
      });
      this.opened.catch(() => undefined);
    }
    return this.opened;
  }

  /** Times a few real training steps on every backend the worker has; TrainerRefusal when it cannot build the model. */
  async time(model: tf.LayersModel, examples: Example[], options: { batchSize: number; learningRate: number; steps?: number; backends?: string[]; beatMs?: number }): Promise<BackendTiming[]> {
    let payload;
    try {
      payload = await modelPayload(model);
    } catch (error) {
      throw new TrainerRefusal(`the model cannot be copied to a worker (${(error as Error).message})`);
    }
    await this.ready();
    const id = this.counter++;
    return new Promise<BackendTiming[]>((resolve, reject) => {
      this.timings.set(id, { resolve, reject });
      // Timing takes its steps from the first batches (step-timing.ts): only those cross.
      this.send({ type: "time", id, model: payload, examples: examplesPayload(firstExamples(examples, options.batchSize * 8)), ...options });
    });
  }

  /** A training in the worker on `backend`; `trainHere` trains in the page if the worker refuses the model. */
  train(model: tf.LayersModel, examples: Example[], options: TrainOptions, backend: string, trainHere: () => TrainingRun): RemoteTrainingRun {
    const id = this.counter++;
    const run = new RemoteTrainingRun(
      {
        open: async () => {
          await this.ready();
          this.runs.set(id, run);
        },
        send: (request, transfer) => this.send(request, transfer),
        forget: () => this.runs.delete(id)
      },
      id,
      model,
      examples,
      options,
      backend,
      trainHere
    );
    return run;
  }

  /** Ends the worker and every run in it (the notebook closed). */
  dispose(): void {
    this.crash("the notebook was closed", false);
  }

  private send(request: TrainerRequest, transfer: Transferable[] = []): void {
    this.connection?.postMessage(request, transfer);
  }

  private receive(event: TrainerEvent, ready: (value: TrainerReady) => void): void {
    if ("memory" in event) this.memory = event.memory;
    switch (event.type) {
      case "ready":
        ready({ backends: event.backends, notes: event.notes });
        break;
      case "timed":
        this.timings.get(event.id)?.resolve(event.timings);
        this.timings.delete(event.id);
        break;
      case "refused":
        if (event.id !== undefined) {
          // tfjs explains an unknown layer at length; its first sentence says it.
          this.timings.get(event.id)?.reject(new TrainerRefusal(`the worker cannot build this model (${event.message.split(". ")[0]})`));
          this.timings.delete(event.id);
        } else if (event.run !== undefined) this.runs.get(event.run)?.receive(event);
        break;
      default:
        this.runs.get(event.run)?.receive(event);
    }
  }

  /** The worker died (or is closed): it goes, and so does everything waiting on it. */
  private crash(reason: string, crashed = true): void {
    const message = crashed ? `the training worker crashed (${reason}); the page is fine: run the cell again to train in a new worker` : reason;
    this.connection?.terminate();
    this.connection = undefined;
    this.opened = undefined;
    this.failOpen?.(new Error(message));
    for (const { reject } of this.timings.values()) reject(new Error(message));
    this.timings.clear();
    for (const run of this.runs.values()) run.lost(message);
    this.runs.clear();
  }
}
