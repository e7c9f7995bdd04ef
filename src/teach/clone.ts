// A trainable copy of a LayersModel: same architecture, same current weights, same metadata.
import * as tf from "@tensorflow/tfjs";

export async function cloneModel(model: tf.LayersModel): Promise<tf.LayersModel> {
  const topology = model.toJSON(null, false) as tf.io.ModelJSON["modelTopology"];
  const copy = await tf.models.modelFromJSON({ modelTopology: topology } as tf.io.ModelJSON);
  copy.setWeights(model.getWeights());
  const metadata = model.getUserDefinedMetadata();
  if (metadata) copy.setUserDefinedMetadata(metadata);
  return copy;
}
