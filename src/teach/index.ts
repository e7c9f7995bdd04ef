// The teaching kit: what notebook cells call (as `teach.…`) to go from examples to a trained,
// evaluated model. Its math is pure tfjs and runs in every kernel.
export { train, TrainingRun, type TrainOptions, type TrainingProgress, type EpochRecord } from "./train.ts";
export { evaluate, type Evaluation, type Prediction } from "./evaluate.ts";
export { mlp, type MlpOptions } from "./models.ts";
export { spiral, type SpiralOptions } from "./datasets.ts";
export { seededRandom } from "./random.ts";
export type { Example, Label } from "./examples.ts";
