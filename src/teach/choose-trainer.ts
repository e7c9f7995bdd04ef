// Where a training runs, and on what, by measurement. The page times the model's steps on its own
// backend (the one its tensors are on) and nothing else: trying a backend means running its steps,
// and an untried backend's step can take a second (cpu on a convolutional net) or compile shaders
// for seconds (a GPU), which the page's thread must never do. Steps short enough
// (PAGE_STEP_LIMIT_MS) train in the page, as they always have. Longer ones go to the Web Worker
// trainer, which times every backend it has (wasm, WebGL through an OffscreenCanvas, WebGPU, cpu;
// a GPU's shader compilation weighed against the epochs asked for) and trains on the fastest. When
// the page has a GPU, a quick model's other backends are timed in the worker in the background,
// and a later training of the same shapes goes there if it would finish sooner. GPUs train in the
// worker, so the page keeps its CPU backend for the synchronous reads of evaluate, the plane and
// the pad. A model the worker cannot build trains in the page, and says why.
import type { BackendChoice, BackendTiming } from "./backend-choice.ts";
import { chooseFastest, describeChoice, formatMsPerStep, trainingShapeKey, trainingSteps } from "./backend-choice.ts";
import type { BackendChooser, TrainingRequest } from "./choose-backend.ts";
import { TrainerRefusal, type WorkerTrainer } from "./worker-trainer.ts";

/**
 * The longest step that trains in the page. A slice is 12 ms of steps plus the one that crosses
 * it; steps vary (garbage collection, the threads of wasm), and the digits CNN's, timed at 21–23 ms,
 * made tasks of 50–85 ms over 10,000 examples in the page (the bench), none in the worker. Under
 * 10 ms the page is also the faster place: a run in the worker costs ~80 ms to start (the model and
 * examples copied over, the first round trip).
 */
export const PAGE_STEP_LIMIT_MS = 10;

export const GPU_BACKENDS = ["webgl", "webgpu"];

/** How much faster the worker must be to take a model the page trains well enough. */
const MOVE_MARGIN = 1.25;

export interface TrainerChooserOptions {
  /** the page's own chooser over its CPU backends (timing stops at the first when its steps pass the limit) */
  page: BackendChooser;
  /** the worker trainer, when this page can start one */
  worker?: WorkerTrainer;
  /** whether the page has a GPU backend (then the worker times the other backends for quick models too) */
  gpu?: () => boolean;
  stepLimitMs?: number;
}

export function createTrainerChooser({ page, worker, gpu = () => false, stepLimitMs = PAGE_STEP_LIMIT_MS }: TrainerChooserOptions): BackendChooser {
  const inWorker = new Map<string, BackendChoice>();
  const elsewhereTimings = new Map<string, Promise<BackendTiming[] | undefined>>();

  return async (request) => {
    // A GPU pinned by the cell trains in the worker, unless the cell pinned the page too.
    if (worker && request.backend && GPU_BACKENDS.includes(request.backend) && request.trainer !== "page") return chooseInWorker(request, worker, "", undefined, "");
    const inPage = await page(request);
    if (!worker || request.trainer === "page") return { ...inPage, trainer: "page" };
    const shape = { weightShapes: request.model.trainableWeights.map((weight) => weight.shape as number[]), batchSize: request.batchSize, examples: request.examples.length, epochs: request.epochs };
    const key = trainingShapeKey(shape);
    const steps = request.epochs ? trainingSteps(shape) : undefined;
    const pageStep = inPage.timings.find((timing) => timing.backend === inPage.backend)?.msPerStep ?? NaN;
    try {
      if (request.trainer === "worker" || pageStep > stepLimitMs) {
        const tooSlow = pageStep > stepLimitMs ? `in the page ${inPage.backend} takes ${formatMsPerStep(pageStep)} (over ${stepLimitMs} ms: the page would stutter); ` : "";
        return await chooseInWorker(request, worker, key, steps, tooSlow);
      }
      if (request.backend || !gpu() || !steps || !Number.isFinite(pageStep)) return { ...inPage, trainer: "page" };
      // Quick enough for the page: the other backends are timed in the worker meanwhile, for next time.
      const known = elsewhereTimings.get(key);
      if (!known) {
        const others = (await worker.ready()).backends.filter((name) => name !== inPage.backend);
        elsewhereTimings.set(key, worker.time(request.model, request.examples, { batchSize: request.batchSize, learningRate: request.learningRate ?? 0.01, steps, backends: others, beatMs: pageStep * steps }).catch(() => undefined));
        return { ...inPage, trainer: "page", summary: `${inPage.summary} (${others.join(", ")} being timed in the worker)` };
      }
      const timings = await known;
      const bestThere = timings && chooseFastest(timings, undefined, 1, steps);
      const there = timings?.find((timing) => timing.backend === bestThere);
      const where = describeChoice(inPage.backend, inPage.reason, inPage.timings);
      // Figures from two realms at two moments, and a move that costs a copy of everything: the
      // worker must be clearly faster (MOVE_MARGIN) for a model the page trains well enough.
      if (!there || ((there.setupMs ?? 0) + there.msPerStep * steps) * MOVE_MARGIN >= pageStep * steps) {
        return { ...inPage, trainer: "page", summary: timings?.length ? `in the page ${where}; in the worker ${describeTimings(timings)}` : where };
      }
      return { backend: there.backend, trainer: "worker", reason: "measured", timings: [...inPage.timings, ...timings!], measureMs: inPage.measureMs, summary: `in the page ${describeTimings(inPage.timings)}; in the worker ${describeTimings(timings!)} → ${there.backend} in a worker` };
    } catch (error) {
      if (!(error instanceof TrainerRefusal)) throw error;
      const note = `trains in the page: ${error.message}`;
      return { ...inPage, trainer: "page", note, summary: `${inPage.summary} · ${note}` };
    }
  };

  async function chooseInWorker(request: TrainingRequest, trainer: WorkerTrainer, key: string, steps: number | undefined, prefix: string): Promise<BackendChoice> {
    const { backends } = await trainer.ready();
    if (request.backend) {
      if (!backends.includes(request.backend)) throw new Error(`the tfjs backend "${request.backend}" is not available in the worker (available: ${backends.join(", ")})`);
      return { backend: request.backend, trainer: "worker", reason: "pinned", timings: [], measureMs: 0, summary: describeChoice(request.backend, "pinned", [], "worker") };
    }
    const cached = inWorker.get(key);
    if (cached) return { ...cached, reason: "cached", measureMs: 0, summary: prefix + describeChoice(cached.backend, "cached", cached.timings, "worker") };
    const started = performance.now();
    const timings = await trainer.time(request.model, request.examples, { batchSize: request.batchSize, learningRate: request.learningRate ?? 0.01, steps });
    const backend = chooseFastest(timings, backends[0], undefined, steps);
    if (!backend) throw new Error(`no backend could train this model in the worker: ${describeTimings(timings)}`);
    const choice: BackendChoice = { backend, trainer: "worker", reason: "measured", timings, measureMs: performance.now() - started, summary: prefix + describeChoice(backend, "measured", timings, "worker") };
    inWorker.set(key, choice);
    return choice;
  }
}

/** "webgl: 6.0 ms/step +2.4 s setup, webgpu: …" */
function describeTimings(timings: BackendTiming[]): string {
  return describeChoice("", "measured", timings).replace(/ → $/, "");
}
