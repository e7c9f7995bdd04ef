// The `teach` builtin: the kit's functions, with what differs by kernel (where trained weights
// are cached, the files beside the notebook, how a training's backend is chosen) bound in. A kernel
// makes one kit per notebook; the runtime then asks it for an instance per cell run, whose models,
// loaded models and trainings belong to that run's owner (owner.ts).
import type * as tf from "@tensorflow/tfjs";
import type { NotebookFiles } from "../notebook/notebook-files.ts";
import type { Example } from "./examples.ts";
import { loadModel, saveModel } from "./model-files.ts";
import { train, type TrainOptions, type TrainingProgress } from "./train.ts";
import type { TrainingCache } from "./training-cache.ts";
import { evaluate, selectExamples } from "./evaluate.ts";
import { compare } from "./compare.ts";
import { classifier, mlp, regressor, type BuilderOptions, type MlpOptions } from "./models.ts";
import { spiral } from "./datasets.ts";
import { shapes } from "./shapes.ts";
import { digits } from "./digits.ts";
import { images } from "./images.ts";
import { cnn, type CnnOptions } from "./cnn.ts";
import { encode, examplesFrom, split } from "./tables.ts";
import { textFeatures } from "./text.ts";
import { decodeStrokes, encodeStrokes, rasterize, simplify } from "./drawing.ts";
import { clickEdit, decisionGrid, toData, toPixel, viewOf } from "./plane.ts";
import { accuracyCurves, confusionData, lossCurves, perClassData, predictedPoints, residualPoints } from "./charts.ts";
import { seededRandom } from "./random.ts";
import { WeightMemory } from "./warm-start.ts";
import { trainOnChosenBackend, type BackendChooser } from "./choose-backend.ts";
import type { BackendChoice } from "./backend-choice.ts";
import type { WorkerTrainer } from "./worker-trainer.ts";
import { owned, ownedLoading, ownedTraining, type Owner } from "./owner.ts";

export interface TeachEnvironment {
  /** where trained weights are cached; none: always train */
  cache?: TrainingCache;
  /** the files as the notebook names them (model export and import); none: saving and loading refuse */
  files?: NotebookFiles;
  /** picks each training's backend by timing its steps (see choose-backend.ts); none: keep the current one */
  chooseBackend?: BackendChooser;
  onBackendChoice?: (choice: BackendChoice) => void;
  /** the trainer in a Web Worker, for trainings the chooser sends off the page */
  worker?: WorkerTrainer;
}

/**
 * The kit for one notebook, as a maker of instances for owners. `additions` are namespaces the
 * kernel adds to every instance (the widget specs, `teach.widgets`, which the kit knows nothing of).
 */
export function createTeach<Additions extends object = object>(environment: TeachEnvironment = {}, additions?: Additions): (owner: Owner) => Teach & Additions {
  const { cache, files = noFiles, chooseBackend, onBackendChoice, worker } = environment;
  const memory = new WeightMemory();
  const trainHere = (model: tf.LayersModel, examples: Example[], options: TrainOptions = {}) => train(model, examples, { cache: cache ?? false, memory, ...options });
  // Chosen to train in the worker: the same training, with this notebook's cache and memory.
  const elsewhere = (choice: BackendChoice, model: tf.LayersModel, examples: Example[], options: TrainOptions) =>
    choice.trainer === "worker" && worker ? worker.train(model, examples, { cache: cache ?? false, memory, ...options }, choice.backend, () => trainHere(model, examples, options)) : undefined;
  const training = chooseBackend ? trainOnChosenBackend(trainHere, chooseBackend, onBackendChoice, elsewhere) : trainHere;
  const shared = { ...pureParts, ...additions, save: (model: tf.LayersModel | TrainingProgress, folder: string) => saveModel(model, folder, files) };
  return (owner) => ({
    ...(shared as typeof shared & Additions),
    train: (model: tf.LayersModel, examples: Example[], options?: TrainAnywhereOptions) => ownedTraining(owner, training(model, examples, options)),
    mlp: (options: MlpOptions) => owned(owner, mlp(options)),
    classifier: (examples: Example[], options?: BuilderOptions) => owned(owner, classifier(examples, options)),
    regressor: (examples: Example[], options?: BuilderOptions) => owned(owner, regressor(examples, options)),
    cnn: (options: CnnOptions) => owned(owner, cnn(options)),
    load: (path: string) => ownedLoading(owner, loadModel(path, files))
  });
}

/** What every instance shares: functions that make nothing needing release. */
const pureParts = {
  evaluate,
  selectExamples,
  compare,
  spiral,
  shapes,
  digits,
  images,
  examplesFrom,
  split,
  encode,
  textFeatures,
  drawing: { encodeStrokes, decodeStrokes, simplify, rasterize },
  rasterize,
  plane: { viewOf, toData, toPixel, clickEdit, decisionGrid },
  charts: { lossCurves, accuracyCurves, confusionData, perClassData, residualPoints, predictedPoints },
  seededRandom
};

/** `teach.train`'s options: the training's, and where it runs (chosen by measurement unless pinned). */
export type TrainAnywhereOptions = TrainOptions & { backend?: string; trainer?: "page" | "worker" };

export type Teach = typeof pureParts & {
  train: (model: tf.LayersModel, examples: Example[], options?: TrainAnywhereOptions) => AsyncIterableIterator<TrainingProgress>;
  mlp: typeof mlp;
  cnn: typeof cnn;
  classifier: typeof classifier;
  regressor: typeof regressor;
  save: (model: tf.LayersModel | TrainingProgress, folder: string) => ReturnType<typeof saveModel>;
  load: (path: string) => Promise<tf.LayersModel>;
};

const noFiles: NotebookFiles = {
  read: async (path) => {
    throw new Error(`reading ${path}: this kernel has no files beside the notebook`);
  },
  write: async (path) => {
    throw new Error(`saving ${path}: this kernel has no files beside the notebook`);
  }
};
