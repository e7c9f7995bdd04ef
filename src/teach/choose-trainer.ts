// Where a training runs, by measurement. The page times the model's steps on its current backend
// first: steps short enough to fit between frames (PAGE_STEP_LIMIT_MS) train in the page, on the
// fastest of the page's backends, as they always have. Longer steps would freeze the page, so the
// model goes to the Web Worker trainer, which times every backend it has (wasm, WebGL through an
// OffscreenCanvas, WebGPU, cpu; a GPU's shader compilation weighed against the epochs asked for)
// and trains on the fastest. A model the worker cannot build trains in the page, and says why.
import type { BackendChoice } from "./backend-choice.ts";
import { chooseFastest, describeChoice, formatMsPerStep, trainingShapeKey, trainingSteps } from "./backend-choice.ts";
import type { BackendChooser, TrainingRequest } from "./choose-backend.ts";
import { TrainerRefusal, type WorkerTrainer } from "./worker-trainer.ts";

/**
 * The longest step that trains in the page: a slice is 12 ms of steps plus the one that crosses
 * it, so with steps under 25 ms no task the training makes passes ~40 ms (a long task is 50).
 */
export const PAGE_STEP_LIMIT_MS = 25;

export interface TrainerChooserOptions {
  /** the page's own chooser (timing stops at the first backend when its steps pass the limit) */
  page: BackendChooser;
  /** the worker trainer, when this page can start one */
  worker?: WorkerTrainer;
  stepLimitMs?: number;
}

export function createTrainerChooser({ page, worker, stepLimitMs = PAGE_STEP_LIMIT_MS }: TrainerChooserOptions): BackendChooser {
  const known = new Map<string, BackendChoice>();
  return async (request) => {
    const inPage = await page(request);
    if (!worker || request.trainer === "page") return { ...inPage, trainer: "page" };
    const pageStep = inPage.timings.find((timing) => timing.backend === inPage.backend)?.msPerStep ?? NaN;
    if (request.trainer !== "worker" && !(pageStep > stepLimitMs)) return { ...inPage, trainer: "page" };
    const tooSlow = pageStep > stepLimitMs ? `in the page ${inPage.backend} takes ${formatMsPerStep(pageStep)} (over ${stepLimitMs} ms: the page would stutter); ` : "";
    try {
      return await inWorker(request, worker, tooSlow);
    } catch (error) {
      if (!(error instanceof TrainerRefusal)) throw error;
      const note = `trains in the page: ${error.message}`;
      return { ...inPage, trainer: "page", note, summary: `${inPage.summary} · ${note}` };
    }
  };

  async function inWorker(request: TrainingRequest, trainer: WorkerTrainer, prefix: string): Promise<BackendChoice> {
    const { backends } = await trainer.ready();
    if (request.backend) {
      if (!backends.includes(request.backend)) throw new Error(`the tfjs backend "${request.backend}" is not available in the worker (available: ${backends.join(", ")})`);
      return { backend: request.backend, trainer: "worker", reason: "pinned", timings: [], measureMs: 0, summary: describeChoice(request.backend, "pinned", [], "worker") };
    }
    const shape = { weightShapes: request.model.trainableWeights.map((weight) => weight.shape as number[]), batchSize: request.batchSize, examples: request.examples.length, epochs: request.epochs };
    const key = trainingShapeKey(shape);
    const cached = known.get(key);
    if (cached) return { ...cached, reason: "cached", measureMs: 0, summary: prefix + describeChoice(cached.backend, "cached", cached.timings, "worker") };
    const started = performance.now();
    const steps = request.epochs ? trainingSteps(shape) : undefined;
    const timings = await trainer.time(request.model, request.examples, { batchSize: request.batchSize, learningRate: request.learningRate ?? 0.01, steps });
    const backend = chooseFastest(timings, backends[0], undefined, steps);
    if (!backend) throw new Error(`no backend could train this model in the worker: ${describeChoice("none", "measured", timings)}`);
    const choice: BackendChoice = { backend, trainer: "worker", reason: "measured", timings, measureMs: performance.now() - started, summary: prefix + describeChoice(backend, "measured", timings, "worker") };
    known.set(key, choice);
    return choice;
  }
}
