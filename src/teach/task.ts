// What a model is for: classifying into labels or regressing numbers. Stored in the model's
// user-defined metadata, so it travels with a saved model and survives cloning.
import type * as tf from "@tensorflow/tfjs";

/** A class a classifier predicts: what an example's output says. */
export type Label = string | number | boolean;

export type ModelTask =
  | { kind: "classify"; inputs: number; classes: Label[] }
  | { kind: "regress"; inputs: number; outputs: number };

const KEY = "exemplar";

export function setTask(model: tf.LayersModel, task: ModelTask): void {
  model.setUserDefinedMetadata({ ...(model.getUserDefinedMetadata() ?? {}), [KEY]: task });
}

/** The model's task: from its metadata, else read off its last layer (softmax → classes). */
export function taskOf(model: tf.LayersModel, labels?: Label[]): ModelTask {
  const stored = (model.getUserDefinedMetadata() as Record<string, ModelTask> | undefined)?.[KEY];
  if (stored) return stored;
  const inputs = Number(model.inputs[0].shape[1]);
  const outputs = Number(model.outputs[0].shape[1]);
  const last = model.layers[model.layers.length - 1];
  const activation = (last.getConfig() as { activation?: string }).activation;
  if (activation === "softmax") {
    const classes = labels && labels.length === outputs ? labels : Array.from({ length: outputs }, (_, k) => k);
    return { kind: "classify", inputs, classes };
  }
  return { kind: "regress", inputs, outputs };
}

export function describeTask(task: ModelTask): string {
  return task.kind === "classify"
    ? `classifies ${task.inputs} inputs into ${task.classes.length} classes`
    : `regresses ${task.outputs} output${task.outputs === 1 ? "" : "s"} from ${task.inputs} inputs`;
}
