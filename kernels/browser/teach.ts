// The teaching kit's environment in the page: trained weights cached in IndexedDB (model files
// beside the notebook come from the kernel's files, through the file API), and each training
// where and on what it trains fastest (src/teach/choose-trainer.ts): the page times its own
// backend; a model whose steps are too long for the page, or faster on the GPU, goes to the
// trainer's Web Worker, where the other backends (cpu, WebGL, WebGPU) are timed and used. Without
// a worker (a page that cannot start one) the page times them all itself.
import type { TeachEnvironment } from "../../src/teach/kit.ts";
import type { BackendChoice } from "../../src/teach/backend-choice.ts";
import type { TrainerConnection, WorkerTrainer } from "../../src/teach/worker-trainer.ts";

export interface BrowserTeachOptions {
  onBackendChoice?: (choice: BackendChoice) => void;
  /** starts the trainer's Web Worker, when the page can have one */
  trainerWorker?: () => TrainerConnection;
  /** the worker trainer made for this notebook, for the kernel to end with it */
  onWorker?: (worker: WorkerTrainer) => void;
}

/** The kit's cache and trainer chooser in the page; its files are the kernel's (the notebook's, through the file API). */
export function browserTeachEnvironment({ onBackendChoice, trainerWorker, onWorker }: BrowserTeachOptions): () => Promise<TeachEnvironment> {
  return async () => {
    const [tf, { indexedDbCache }, { createBackendChooser }, { createTrainerChooser, GPU_BACKENDS, PAGE_STEP_LIMIT_MS }, { trainingBackends }, { WorkerTrainer }] = await Promise.all([
      import("@tensorflow/tfjs"),
      import("../../src/teach/cache-indexeddb.ts"),
      import("../../src/teach/choose-backend.ts"),
      import("../../src/teach/choose-trainer.ts"),
      import("./tensorflow.ts"),
      import("../../src/teach/worker-trainer.ts")
    ]);
    const worker = trainerWorker && new WorkerTrainer(trainerWorker);
    if (worker) onWorker?.(worker);
    const isGpu = (name: string) => GPU_BACKENDS.includes(name);
    // With a worker, the page times only the backend it is on; the worker tries the others (a cell
    // may still pin one here).
    const timed = (names: string[]) => (worker ? [names.includes(tf.getBackend()) ? tf.getBackend() : names[0]] : names);
    // Steps far over the page's limit are not timed on (they go to the worker regardless); those
    // near it get the full rounds, so one step slowed by a busy moment does not decide.
    const page = createBackendChooser({ candidates: () => trainingBackends(tf), timed, stepLimitMs: worker ? 4 * PAGE_STEP_LIMIT_MS : undefined });
    return {
      cache: indexedDbCache(),
      chooseBackend: createTrainerChooser({ page, worker, gpu: () => trainingBackends(tf).some(isGpu) }),
      onBackendChoice,
      worker
    };
  };
}
