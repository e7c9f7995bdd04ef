// When a training ends, and why. `until` is judged on the model as it is after an epoch (measured
// on its examples, not the accuracy accumulated while the epoch's batches changed it), and with
// `patience` only once it has held that many epochs in a row. Every end says why it came, in words
// a panel can show: "reached accuracy 1 at epoch 32", "80 epochs", "stopped at epoch 12",
// "NaN in epoch 3".
import { NonFiniteLossError, type EpochRecord } from "./training-session.ts";

export interface Until {
  accuracy?: number;
  loss?: number;
}

export type EndReason = "reached" | "epochs" | "stopped" | "failed";

export interface TrainingEnd {
  reason: EndReason;
  /** the last epoch completed */
  epoch: number;
  /** why, in words: "reached accuracy 1 at epoch 32", "80 epochs", "stopped at epoch 12", "NaN in epoch 3" */
  text: string;
}

/** Checks `until` and `patience` before training starts, so a typo is named, not ignored. */
export function checkStopOptions(until: unknown, patience: unknown): void {
  if (until !== undefined && (until === null || typeof until !== "object" || Array.isArray(until))) throw new TypeError(`train: until must be {accuracy} or {loss}, got ${JSON.stringify(until)}`);
  const unknown = Object.keys(until ?? {}).filter((key) => key !== "accuracy" && key !== "loss");
  if (unknown.length) throw new TypeError(`train: until takes accuracy or loss, not ${unknown.join(", ")}`);
  for (const [key, value] of Object.entries(until ?? {})) {
    if (typeof value !== "number" || Number.isNaN(value)) throw new TypeError(`train: until.${key} must be a number, got ${JSON.stringify(value)}`);
  }
  if (typeof patience !== "number" || !Number.isInteger(patience) || patience < 1) throw new TypeError(`train: patience must be a whole number of epochs (1 or more), got ${JSON.stringify(patience)}`);
}

export class StopRule {
  private streak = 0;

  constructor(
    private readonly until: Until,
    private readonly patience: number,
    private readonly epochs: number,
    private readonly minEpochs = 1
  ) {}

  /** Whether epochs must be measured on the model after them (only then: it costs a pass over the examples). */
  get judges(): boolean {
    return this.until.accuracy !== undefined || this.until.loss !== undefined;
  }

  /** After an epoch: how training ends there, or undefined to go on. */
  after(record: EpochRecord): TrainingEnd | undefined {
    const met = (this.until.accuracy !== undefined && (record.accuracy ?? -1) >= this.until.accuracy) || (this.until.loss !== undefined && record.loss <= this.until.loss);
    this.streak = met ? this.streak + 1 : 0;
    if (this.judges && this.streak >= this.patience && record.epoch >= this.minEpochs) return { reason: "reached", epoch: record.epoch, text: `reached ${this.target()} at epoch ${record.epoch}${this.patience > 1 ? ` (${this.patience} epochs in a row)` : ""}` };
    if (record.epoch >= this.epochs) return { reason: "epochs", epoch: record.epoch, text: `${record.epoch} epochs` };
    return undefined;
  }

  private target(): string {
    const { accuracy, loss } = this.until;
    return [accuracy !== undefined ? `accuracy ${accuracy}` : "", loss !== undefined ? `loss ${loss}` : ""].filter(Boolean).join(" or ");
  }
}

export function stoppedEnd(epoch: number): TrainingEnd {
  return { reason: "stopped", epoch, text: `stopped at epoch ${epoch}` };
}

/** A failure's end; a non-finite loss reads "NaN in epoch 3" (the cell shows the whole message). */
export function failedEnd(epoch: number, error: unknown): TrainingEnd {
  if (error instanceof NonFiniteLossError) return { reason: "failed", epoch, text: `${error.loss} in epoch ${error.epoch}` };
  return { reason: "failed", epoch, text: `failed in epoch ${epoch + 1}` };
}
