// A training's value (what `teach.train` yields) as a progress panel: its state and, once it ended,
// why; epoch, loss and accuracy; a live loss curve (train and validation); Pause/Resume (the
// cell's Stop ends a training, this only holds it); the backend it was chosen to train on,
// "cached" and "warm start" badges, its time without pauses (the cell's footer shows the same),
// and the trained model's export: download it in tfjs's format, or save it beside the notebook
// (through the file API) for `teach.load` to read back.
import type { TrainingProgress } from "../teach/train.ts";
import type { BackendChoice } from "../teach/backend-choice.ts";
import type { TrainerInfo } from "../teach/remote-run.ts";
import { h } from "./dom.ts";
import { formatDuration, formatNumber, formatPercent } from "./format.ts";
import { badge, frame, messageLine } from "./frame.ts";
import { Sparkline } from "./sparkline.ts";
import type { SlotContext, Widget, WidgetKind } from "./widget.ts";

type Progress = TrainingProgress & { backend?: BackendChoice; trainer?: TrainerInfo };

export function isTrainingProgress(value: unknown): value is Progress {
  const candidate = value as Partial<TrainingProgress> | null;
  return !!candidate && typeof candidate === "object" && typeof candidate.epoch === "number" && typeof candidate.epochs === "number" && Array.isArray(candidate.history) && typeof candidate.run?.stop === "function" && !!candidate.model;
}

const STATE_TEXT = { training: "Training", paused: "Paused", finished: "Finished", failed: "Failed", stopped: "Stopped" } as const;

class ProgressWidget implements Widget {
  readonly kind = "training";
  readonly element: HTMLElement;
  private readonly state = h("span", { class: "training-state" });
  private readonly end = h("span", { class: "training-end" });
  private readonly numbers = h("span", { class: "training-numbers" });
  private readonly toggle = h("button", { type: "button", class: "training-toggle" });
  private readonly badges = h("span", { class: "training-badges" });
  private readonly trainer = h("div", { class: "training-trainer muted" });
  private readonly curve = new Sparkline(360, 96);
  private readonly message = messageLine();
  private readonly exportButtons: HTMLElement;
  private value!: Progress;
  private context: SlotContext;

  constructor(value: Progress, context: SlotContext) {
    this.context = context;
    this.toggle.addEventListener("click", () => {
      const run = this.value.run;
      if (run.state === "paused") run.resume();
      else run.pause();
    });
    this.exportButtons = h(
      "span",
      { class: "training-export" },
      h("button", { type: "button", title: "Download model.json and weights.bin (tfjs format)", onclick: () => void this.download() }, "Download model"),
      h("button", { type: "button", title: "Save the model in a folder beside the notebook (through the file API)", onclick: () => void this.save() }, "Save beside notebook")
    );
    this.element = frame("training", context.name, [this.state, this.end, this.numbers, this.toggle], h("div", { class: "training-curve" }, this.curve.element), h("div", { class: "training-footer" }, this.badges, this.exportButtons), this.trainer, this.message.element);
    this.update(value, context);
  }

  update(value: unknown, context: SlotContext): void {
    const progress = value as Progress;
    this.value = progress;
    this.context = context;
    const state = progress.run.state;
    this.element.dataset.state = state;
    this.state.textContent = STATE_TEXT[state] ?? state;
    const end = progress.end ?? progress.run.end;
    this.end.textContent = end ? end.text : "";
    this.end.hidden = !end;
    const accuracy = progress.metrics.accuracy;
    const parts = [`epoch ${progress.epoch} of ${progress.epochs}`];
    // Before the first epoch there is no loss yet (NaN would read like a failure).
    if (Number.isFinite(progress.loss)) parts.push(`loss ${formatNumber(progress.loss)}`);
    if (accuracy !== undefined) parts.push(`accuracy ${formatPercent(accuracy)}`);
    if (progress.metrics.valLoss !== undefined) parts.push(`validation loss ${formatNumber(progress.metrics.valLoss)}`);
    parts.push(`${progress.examples} examples`);
    this.numbers.textContent = parts.join(" · ");
    this.toggle.textContent = state === "paused" ? "Resume" : "Pause";
    this.toggle.title = state === "paused" ? "Continue training" : "Hold training at the next batch; the model so far flows on (the cell's Stop ends it)";
    this.toggle.hidden = state !== "training" && state !== "paused";
    this.curve.draw([
      { name: "training loss", values: progress.history.map((record) => record.loss) },
      { name: "validation loss", values: progress.history.map((record) => record.valLoss ?? NaN), dashed: true }
    ]);
    const badges = [];
    if (progress.cached) badges.push(badge("cached", "cached", "Trained weights came from the training cache: nothing was trained"));
    if (progress.warmStarted) badges.push(badge("warm start", "warm", "Started from the weights the previous run of this network ended with"));
    const where = progress.trainer?.where ?? progress.backend?.trainer ?? "page";
    if (progress.backend) badges.push(badge(`tfjs · ${progress.backend.backend}${where === "worker" ? " · worker" : ""}`, "training-backend", progress.backend.summary));
    this.showTrainer(progress, where);
    badges.push(h("span", { class: "muted training-time", title: "Time spent training, pauses excluded" }, formatDuration(progress.ms)));
    this.badges.replaceChildren(...badges);
    this.exportButtons.hidden = state === "training";
  }

  /** Where it trains, why there when that is news, and the tensors the page and the worker hold. */
  private showTrainer(progress: Progress, where: "page" | "worker"): void {
    const note = progress.trainer?.note ?? progress.backend?.note;
    const memory = progress.trainer?.memory;
    const tensors = (label: string, held: { numTensors: number; numBytes: number }) => `${label} ${held.numTensors} tensors (${formatBytes(held.numBytes)})`;
    const parts = [where === "worker" ? "Trains in a Web Worker" : note ? "Trains in the page" : ""];
    if (note) parts.push(note.replace(/^trains in the page: /, ""));
    if (memory) parts.push(`${tensors("page", memory.page)} · ${tensors("worker", memory.worker)}`);
    this.trainer.textContent = parts.filter(Boolean).join(" · ");
    this.trainer.hidden = !this.trainer.textContent;
    this.element.dataset.trainer = where;
  }

  private folder(): string {
    const base = this.context.host.notebookPath.split("/").pop()!.replace(/\.html$/i, "");
    return `models/${base}${this.context.name && this.context.name !== "training" ? `-${this.context.name}` : ""}`;
  }

  private async download(): Promise<void> {
    try {
      await this.value.model.save(`downloads://${this.folder().split("/").pop()}`);
    } catch (error) {
      this.message.show(`download failed: ${(error as Error).message}`);
    }
  }

  private async save(): Promise<void> {
    const folder = this.folder();
    this.message.show(`saving ${folder} …`, "info");
    try {
      const { saveModel } = await import("../teach/model-files.ts");
      const saved = await saveModel(this.value.model, folder, this.context.host.filesBesideNotebook());
      this.message.show(`saved ${saved.files.join(" and ")} · load it in a cell with teach.load(${JSON.stringify(folder)})`, "info");
    } catch (error) {
      this.message.show(`saving failed: ${(error as Error).message}`);
    }
  }
}

export const progressKind: WidgetKind = {
  name: "training",
  matches: isTrainingProgress,
  create: (value, context) => new ProgressWidget(value as Progress, context)
};

function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
