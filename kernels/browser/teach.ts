// The teaching kit's environment in the page: trained weights cached in IndexedDB (model files
// beside the notebook come from the kernel's files, through the file API), and each training on the backend its model trains
// fastest on, timed among the page's backends. WebGL is timed only for large models: its first
// steps compile shaders for seconds, and on the lessons' small nets it is many times slower.
import type { TeachEnvironment } from "../../src/teach/kit.ts";
import type { BackendChoice } from "../../src/teach/backend-choice.ts";
import type { BackendChooser } from "../../src/teach/choose-backend.ts";

/** Models with fewer trainable numbers than this are timed on wasm and cpu only. */
export const WEBGL_FROM_PARAMS = 200_000;

export interface BrowserTeachOptions {
  onBackendChoice?: (choice: BackendChoice) => void;
}

/** The kit's cache and backend chooser in the page; its files are the kernel's (the notebook's, through the file API). */
export function browserTeachEnvironment({ onBackendChoice }: BrowserTeachOptions): () => Promise<TeachEnvironment> {
  return async () => {
    const [tf, { indexedDbCache }, { createBackendChooser }] = await Promise.all([
      import("@tensorflow/tfjs"),
      import("../../src/teach/cache-indexeddb.ts"),
      import("../../src/teach/choose-backend.ts")
    ]);
    const started = (names: string[]) => names.filter((name) => tf.findBackendFactory(name) !== null);
    const small = createBackendChooser({ candidates: () => started(["wasm", "cpu"]) });
    const large = createBackendChooser({ candidates: () => started(["wasm", "webgl", "cpu"]) });
    // The two share one queue: a choice switches the backend of the whole page.
    let queue: Promise<unknown> = Promise.resolve();
    const chooseBackend: BackendChooser = (request) => {
      const params = request.model.trainableWeights.reduce((sum, weight) => sum + weight.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
      const choice = queue.then(() => (params >= WEBGL_FROM_PARAMS ? large : small)(request));
      queue = choice.catch(() => undefined);
      return choice;
    };
    return {
      cache: indexedDbCache(),
      chooseBackend,
      onBackendChoice
    };
  };
}
