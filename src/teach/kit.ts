// The `teach` builtin: the kit's functions, with what differs by kernel (where trained weights
// are cached, how files beside the notebook are read and written) bound in.
import type * as tf from "@tensorflow/tfjs";
import type { Example } from "./examples.ts";
import { noFiles, type NotebookFiles } from "./files.ts";
import { loadModel, saveModel } from "./model-files.ts";
import { train, type TrainOptions, type TrainingProgress } from "./train.ts";
import type { TrainingCache } from "./training-cache.ts";
import { evaluate, selectExamples } from "./evaluate.ts";
import { compare } from "./compare.ts";
import { classifier, mlp, regressor } from "./models.ts";
import { spiral } from "./datasets.ts";
import { shapes } from "./shapes.ts";
import { digits } from "./digits.ts";
import { images } from "./images.ts";
import { cnn } from "./cnn.ts";
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
import { widgetSpecs } from "../widgets/specs.ts";

export interface TeachEnvironment {
  /** where trained weights are cached; none: always train */
  cache?: TrainingCache;
  /** the files beside the notebook (model export and import) */
  files?: NotebookFiles;
  /** picks each training's backend by timing its steps (see choose-backend.ts); none: keep the current one */
  chooseBackend?: BackendChooser;
  onBackendChoice?: (choice: BackendChoice) => void;
  /** the trainer in a Web Worker, for trainings the chooser sends off the page */
  worker?: WorkerTrainer;
}

export function createTeach({ cache, files = noFiles("saving or loading a model"), chooseBackend, onBackendChoice, worker }: TeachEnvironment = {}) {
  const memory = new WeightMemory();
  const trainHere = (model: tf.LayersModel, examples: Example[], options: TrainOptions = {}) => train(model, examples, { cache: cache ?? false, memory, ...options });
  // Chosen to train in the worker: the same training, with this notebook's cache and memory.
  const elsewhere = (choice: BackendChoice, model: tf.LayersModel, examples: Example[], options: TrainOptions) =>
    choice.trainer === "worker" && worker ? worker.train(model, examples, { cache: cache ?? false, memory, ...options }, choice.backend, () => trainHere(model, examples, options)) : undefined;
  return {
    train: chooseBackend ? trainOnChosenBackend(trainHere, chooseBackend, onBackendChoice, elsewhere) : trainHere,
    evaluate,
    selectExamples,
    compare,
    mlp,
    classifier,
    regressor,
    cnn,
    save: (model: tf.LayersModel | TrainingProgress, folder: string) => saveModel(model, folder, files),
    load: (path: string) => loadModel(path, files),
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
    widgets: widgetSpecs,
    seededRandom
  };
}

export type Teach = ReturnType<typeof createTeach>;
