// Models with hand-set weights, so a test knows every prediction in advance.
import * as tf from "@tensorflow/tfjs";
import { mlp } from "../../src/teach/models.ts";

/** Classifies x (one number) as "pos" when x > 0, else "neg": softmax([−x, x]) over ["neg", "pos"]. */
export function signClassifier(): tf.Sequential {
  const model = mlp({ inputs: 1, hidden: [], classes: ["neg", "pos"] });
  const weights = [tf.tensor2d([[-10, 10]]), tf.tensor1d([0, 0])];
  model.setWeights(weights);
  tf.dispose(weights);
  return model;
}

/** Predicts y = 2x + 1. */
export function lineRegressor(): tf.Sequential {
  const model = mlp({ inputs: 1, hidden: [], outputs: 1 });
  const weights = [tf.tensor2d([[2]]), tf.tensor1d([1])];
  model.setWeights(weights);
  tf.dispose(weights);
  return model;
}
