// Saving and loading trained models in tfjs's own format — a model.json (topology, weight
// manifest, and the kit's metadata such as the class labels) and one weights.bin — in a folder
// beside the notebook, so `tf.loadLayersModel` anywhere can read them back too. Paths are as the
// notebook names them; `files` resolves them (src/notebook/notebook-files.ts: besideNotebook).
import * as tf from "@tensorflow/tfjs";
import type { NotebookFiles } from "../notebook/notebook-files.ts";
import { besideFile } from "../notebook/notebook-paths.ts";
import type { TrainingProgress } from "./train.ts";

export interface SavedModel {
  /** the files written, as the notebook names them */
  files: string[];
  bytes: number;
}

const WEIGHTS = "weights.bin";

/** Saves `model` (or a training's model) into `folder`/model.json and `folder`/weights.bin. */
export async function saveModel(subject: tf.LayersModel | TrainingProgress, folder: string, files: NotebookFiles): Promise<SavedModel> {
  const model = "predict" in subject ? subject : subject.model;
  if (!folder.replace(/\/+$/, "")) throw new TypeError('save: a folder to save into is needed, e.g. "models/spiral"');
  const json = `${folder.replace(/\/+$/, "")}/model.json`;
  const weights = besideFile(json, WEIGHTS);
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

/** Loads a model saved by saveModel (or any tfjs layers model.json with its weight files); the caller owns it. */
export async function loadModel(path: string, files: NotebookFiles): Promise<tf.LayersModel> {
  const json = path.endsWith(".json") ? path : `${path.replace(/\/+$/, "")}/model.json`;
  const manifest = JSON.parse(await (await files.read(json)).text()) as tf.io.ModelJSON;
  if (!manifest.modelTopology) throw new Error(`${json} is not a tfjs layers model (it has no modelTopology)`);
  const groups = manifest.weightsManifest ?? [];
  const buffers = await Promise.all(groups.flatMap((group) => group.paths.map(async (file) => (await files.read(besideFile(json, file))).arrayBuffer())));
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: manifest.modelTopology,
      weightSpecs: groups.flatMap((group) => group.weights),
      weightData: tf.io.CompositeArrayBuffer.join(buffers),
      userDefinedMetadata: manifest.userDefinedMetadata
    })
  );
}
