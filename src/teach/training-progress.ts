// What a training is asked for and what it reports, whichever trainer runs it (train.ts in the
// page or headless, remote-run.ts for the trainer's worker): its options, its state, the controls
// the panel and the cell's Stop use, and each value the training cell yields.
import type * as tf from "@tensorflow/tfjs";
import type { EpochRecord } from "./training-session.ts";
import type { TrainingEnd, Until } from "./stop-rule.ts";
import type { TrainingCache } from "./training-cache.ts";
import type { WeightMemory } from "./warm-start.ts";
import type { ModelTask } from "./task.ts";

export interface TrainOptions {
  /** default 50 */
  epochs?: number;
  /** default 32 */
  batchSize?: number;
  /** Adam's learning rate; default 0.01 (a quarter of it when warm-started) */
  learningRate?: number;
  /** seeds the shuffling of each epoch (and the validation split); default 1 */
  seed?: number;
  /** fraction of the examples held out to report validation loss (0 to 0.5); default 0 */
  validationSplit?: number;
  /** start from the weights the latest run of the same architecture ended with (at a quarter of the learning rate); default false */
  warmStart?: boolean;
  /** end early once the model, measured on its examples after an epoch, reaches this accuracy (or loss) */
  until?: Until;
  /** with `until`: how many epochs in a row must reach it; default 1 */
  patience?: number;
  /** milliseconds of training between yields to the page; default 12 (a frame has ~16) */
  sliceMs?: number;
  /** where trained weights are cached (the kernel sets it); false to always train */
  cache?: TrainingCache | false;
  /** where warm starts find earlier runs' weights (each notebook's `teach` has its own) */
  memory?: WeightMemory;
}

/** "training", "paused" (by pause()), "finished" (all epochs, `until`, or stop()), "failed", or "stopped" (invalidated, released). */
export type TrainingState = "training" | "paused" | "finished" | "failed" | "stopped";

/** What a training's controls use (the panel, the cell's Stop), whichever trainer runs it. */
export interface TrainingControl {
  readonly state: TrainingState;
  /** why training ended, once it has */
  readonly end: TrainingEnd | undefined;
  /** milliseconds of training so far, pauses excluded */
  readonly elapsedMs: number;
  /** how many epochs have completed */
  readonly epochsCompleted: number;
  /** pauses at the next batch, keeping the model as trained so far */
  pause(): void;
  resume(): void;
  /** ends training at the next batch, keeping the model as trained so far */
  stop(): void;
}

export interface TrainingProgress {
  epoch: number;
  epochs: number;
  /**
   * training loss of the latest epoch (NaN before the first): the mean over its batches as they
   * trained; measured on the model after the epoch when `until` is set, and at the end
   */
  loss: number;
  metrics: Omit<EpochRecord, "epoch" | "loss">;
  history: EpochRecord[];
  /** the model being trained (a copy of the one given), usable by cells downstream */
  model: tf.LayersModel;
  task: ModelTask;
  examples: number;
  /** true on the last value: training finished (all its epochs, `until` reached, or stopped) */
  done: boolean;
  /** on the last value: why training ended ("reached accuracy 1 at epoch 32", "80 epochs", "stopped at epoch 12") */
  end?: TrainingEnd;
  /** true while paused by `run.pause()` */
  paused: boolean;
  /** true when the result came from the training cache instead of training */
  cached: boolean;
  /** true when training started from a previous run's weights */
  warmStarted: boolean;
  /** milliseconds of training so far, pauses excluded */
  ms: number;
  /** the run itself, for its controls: `run.pause()`, `run.resume()`, `run.stop()`, `run.state`, `run.end` */
  run: TrainingControl;
}
