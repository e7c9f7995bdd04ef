// The loop of one training run: epochs in time slices (many batches, then a turn for the page),
// the stop rule judged on the model as it is after each epoch when `until` is set, and the final
// model's numbers measured on its examples. The iterator protocol, the cache and warm starts are
// the run's (train.ts); this needs only a session's tensors, so it runs wherever they live.
import { measureSession, trainEpoch, type BatchGate, type EpochRecord, type Measurement, type TrainingSession } from "./training-session.ts";
import { StopRule, stoppedEnd, type TrainingEnd, type Until } from "./stop-rule.ts";
import { nextMacrotask } from "./yield.ts";

export interface LoopSettings {
  epochs: number;
  batchSize: number;
  until: Until;
  patience: number;
  /** milliseconds of work between turns for the page */
  sliceMs: number;
}

/**
 * What the run wants, asked between batches: go on, pause, stop (the person ended it: end at the
 * next batch, keeping the model) or end (the run is being released: end now, report nothing).
 */
export type Wanted = "go" | "pause" | "stop" | "end";

/** What the loop asks of its run. */
export interface LoopControl {
  wanted(): Wanted;
  /** At a batch boundary while `pausing`: resolves on resume, stop or end. `measure` reads the paused model. */
  paused(history: EpochRecord[], measure: () => Promise<Measurement | undefined>): Promise<void>;
  /** an epoch other than the last is done */
  epochDone(history: EpochRecord[]): void;
}

export interface LoopResult {
  history: EpochRecord[];
  end: TrainingEnd;
  /** the final model's loss and accuracy on its examples */
  final: Measurement;
}

/** Trains until the stop rule, the person or the last epoch ends it; undefined when the run ended first. */
export async function runEpochs(session: TrainingSession, settings: LoopSettings, control: LoopControl): Promise<LoopResult | undefined> {
  const history: EpochRecord[] = [];
  const rule = new StopRule(settings.until, settings.patience, settings.epochs);
  const measureNow = () => measureSession(session, history.length, slices(settings.sliceMs, control, { stoppable: false, pause: undefined }));
  const training = slices(settings.sliceMs, control, { stoppable: true, pause: () => control.paused(history, measureNow) });
  let end: TrainingEnd | undefined;
  while (!end) {
    const epoch = history.length + 1;
    const trained = await trainEpoch(session, epoch, settings.batchSize, training);
    // With `until`, the epoch is judged on the model after it, not on the accumulated batches.
    const measured = trained && rule.judges ? await measureSession(session, epoch, training) : undefined;
    if (!trained || (rule.judges && !measured)) break;
    history.push({ ...trained, ...measured });
    end = rule.after(history[history.length - 1]);
    if (!end) control.epochDone(history);
  }
  if (control.wanted() === "end") return undefined;
  if (end && rule.judges) return { history, end, final: pick(history[history.length - 1]) };
  // Stopped part-way, or the last epoch's numbers were accumulated while its batches changed the model.
  const final = await measureNow();
  if (!final) return undefined;
  if (end) history[history.length - 1] = { ...history[history.length - 1], ...final };
  return { history, end: end ?? stoppedEnd(history.length), final };
}

function pick({ loss, accuracy }: EpochRecord): Measurement {
  return accuracy === undefined ? { loss } : { loss, accuracy };
}

/**
 * The gate between batches: false once the run ends (or is stopped, when `stoppable`); gives the
 * page a turn once a slice is used up, and holds while paused.
 */
function slices(sliceMs: number, control: LoopControl, { stoppable, pause }: { stoppable: boolean; pause?: () => Promise<void> }): BatchGate {
  let sliceStart = performance.now();
  const over = (wanted: Wanted) => wanted === "end" || (stoppable && wanted === "stop");
  const slow = async (): Promise<boolean> => {
    if (performance.now() - sliceStart > sliceMs) {
      await nextMacrotask();
      sliceStart = performance.now();
    }
    if (pause && control.wanted() === "pause") await pause();
    return !over(control.wanted());
  };
  return () => {
    const wanted = control.wanted();
    if (over(wanted)) return false;
    return (pause && wanted === "pause") || performance.now() - sliceStart > sliceMs ? slow() : true;
  };
}
