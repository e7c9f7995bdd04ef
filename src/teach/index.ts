// The teaching kit: what notebook cells call (as `teach.…`) to go from examples to a trained,
// evaluated model. Its math is pure tfjs and runs in every kernel; `createTeach` binds what
// differs by kernel (the training cache, the files beside the notebook).
export { createTeach, type Teach, type TeachEnvironment } from "./kit.ts";
export { train, TrainingRun, type TrainOptions, type TrainingProgress, type TrainingControl, type TrainingState, type EpochRecord } from "./train.ts";
export { evaluate, selectExamples, type Evaluation, type Prediction, type ExampleSelection } from "./evaluate.ts";
export { compare, type Comparison, type ComparedExample, type Disagreement } from "./compare.ts";
export { originOf, type ExampleOrigin } from "./origin.ts";
export { mlp, classifier, regressor, type MlpOptions } from "./models.ts";
export { spiral, type SpiralOptions } from "./datasets.ts";
export { shapes } from "./shapes.ts";
export { digits, type DigitsOptions } from "./digits.ts";
export { images, type ImagesOptions } from "./images.ts";
export { cnn, type CnnOptions } from "./cnn.ts";
export { packedExamples } from "./example-set.ts";
export { examplesFrom, split, encode } from "./tables.ts";
export { textFeatures } from "./text.ts";
export { saveModel, loadModel } from "./model-files.ts";
export type { TrainingCache, CachedTraining } from "./training-cache.ts";
export type { NotebookFiles } from "../notebook/notebook-files.ts";
export { seededRandom } from "./random.ts";
export type { Example, Label } from "./examples.ts";
