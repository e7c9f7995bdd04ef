// Saving and loading trained models in tfjs's own format — a model.json (topology, weight
// manifest, and the kit's metadata such as the class labels) and one weights.bin — in a folder
// beside the notebook, so `tf.loadLayersModel` anywhere can read them back too.
import * as tf from "@tensorflow/tfjs";
import { notebookPath, type NotebookFiles } from "./files.ts";
import { releaseOnInvalidation } from "../runtime/resources.ts";
import type { TrainingProgress } from "./train.ts";

export interface SavedModel {
  /** the files written, relative to the notebook */
  files: string[];
  bytes: number;
}

const WEIGHTS = "weights.bin";

/** Saves `model` (or a training's model) into `folder`/model.json and `folder`/weights.bin. */
export async function saveModel(subject: tf.LayersModel | TrainingProgress, folder: string, files: NotebookFiles): Promise<SavedModel> {
  const model = "predict" in subject ? subject : subject.model;
  const json = notebookPath(folder, "model.json");
  const weights = notebookPath(folder, WEIGHTS);
  let written: SavedModel | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)));
      const manifest = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: artifacts.userDefinedMetadata
      };
      const text = JSON.stringify(manifest);
      // Weights first: a model.json never points at weights that are not there yet.
      await files.write(weights, data);
      await files.write(json, text);
      written = { files: [json, weights], bytes: data.byteLength + text.length };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON", weightDataBytes: data.byteLength } };
    })
  );
  return written!;
}

/** Loads a model saved by saveModel (or any tfjs layers model.json with its weight files). */
export function loadModel(path: string, files: NotebookFiles): Promise<tf.LayersModel> {
  const json = path.endsWith(".json") ? notebookPath(path) : notebookPath(path, "model.json");
  // Register the release now, while the cell's body runs; the model arrives later.
  let released = false;
  let loaded: tf.LayersModel | undefined;
  releaseOnInvalidation(() => {
    released = true;
    loaded?.dispose();
  });
  return (async () => {
    const manifest = JSON.parse(new TextDecoder().decode(await files.read(json))) as tf.io.ModelJSON;
    if (!manifest.modelTopology) throw new Error(`${json} is not a tfjs layers model (it has no modelTopology)`);
    const folder = json.includes("/") ? json.slice(0, json.lastIndexOf("/")) : "";
    const groups = manifest.weightsManifest ?? [];
    const buffers = await Promise.all(groups.flatMap((group) => group.paths.map((file) => files.read(notebookPath(folder, file)))));
    const weightData = tf.io.CompositeArrayBuffer.join(buffers.map((bytes) => bytes.slice().buffer as ArrayBuffer));
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: manifest.modelTopology,
        weightSpecs: groups.flatMap((group) => group.weights),
        weightData,
        userDefinedMetadata: manifest.userDefinedMetadata
      })
    );
    if (released) {
      model.dispose();
      throw new Error("the cell re-ran before the model finished loading");
    }
    loaded = model;
    return model;
  })();
}
