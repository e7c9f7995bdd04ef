// The drawing pad: draw with the mouse, pen or a finger, see the image the model will see (and,
// given a model, its guess), then add the drawing with a label to the examples cell as one line
// of strokes ("x,y x,y;…" on the 0–99 grid). A new label is typed once and then offered as a choice.
import { h } from "./dom.ts";
import { encodeStrokes, rasterize, simplify, type Stroke } from "../teach/drawing.ts";
import type { Label } from "../teach/examples.ts";
import type { PadSpec } from "./spec-types.ts";
import { isWidgetSpec } from "./spec-types.ts";
import { frame, messageLine } from "./frame.ts";
import { formatPercent } from "./format.ts";
import { pointOn } from "./pointer.ts";
import type { SlotContext, Widget, WidgetKind } from "./widget.ts";

const PAD = 240;

class DrawingPadWidget implements Widget {
  readonly kind = "pad";
  readonly element: HTMLElement;
  private readonly canvas = h("canvas", { class: "pad-canvas", width: PAD, height: PAD, "aria-label": "Drawing pad" });
  private readonly preview = h("canvas", { class: "pad-preview", "aria-label": "The image the model sees" });
  private readonly guess = h("div", { class: "pad-guess", "aria-live": "polite" });
  private readonly labels = h("div", { class: "class-picker", role: "radiogroup", "aria-label": "Label of the drawing" });
  private readonly newLabel = h("input", { type: "text", class: "new-label", placeholder: "new label", "aria-label": "A new label" });
  private readonly add = h("button", { type: "button", class: "pad-add" });
  private readonly message = messageLine();
  private spec!: PadSpec;
  private context: SlotContext;
  private strokes: Stroke[] = [];
  private selected?: Label;
  private extraLabels: Label[] = [];

  constructor(spec: PadSpec, context: SlotContext) {
    this.context = context;
    this.listen();
    this.add.addEventListener("click", () => this.addDrawing());
    this.newLabel.addEventListener("keydown", (event) => {
      event.stopPropagation();
      if (event.key !== "Enter" || !this.newLabel.value.trim()) return;
      this.selected = this.newLabel.value.trim();
      if (!this.allLabels().includes(this.selected)) this.extraLabels.push(this.selected);
      this.newLabel.value = "";
      this.renderLabels();
    });
    const clear = h("button", { type: "button", onclick: () => this.clear() }, "Clear");
    this.element = frame(
      "pad",
      context.name,
      [h("span", { class: "widget-caption" }, "draw, pick a label, add it to the examples")],
      h("div", { class: "pad-row" }, this.canvas, h("div", { class: "pad-side" }, this.preview, this.guess)),
      h("div", { class: "pad-controls" }, this.labels, this.newLabel),
      h("div", { class: "pad-controls" }, this.add, clear),
      this.message.element
    );
    this.update(spec, context);
  }

  update(value: unknown, context: SlotContext): void {
    this.spec = value as PadSpec;
    this.context = context;
    if (this.selected === undefined) this.selected = this.spec.labels[0];
    this.renderLabels();
    this.redraw();
  }

  private allLabels(): Label[] {
    return [...this.spec.labels, ...this.extraLabels.filter((label) => !this.spec.labels.includes(label))];
  }

  private renderLabels(): void {
    this.labels.replaceChildren(
      ...this.allLabels().map((label) => {
        const button = h("button", { type: "button", role: "radio", class: "class-choice", "aria-checked": String(label === this.selected) }, String(label));
        button.addEventListener("click", () => ((this.selected = label), this.renderLabels()));
        return button;
      })
    );
    this.add.textContent = this.selected === undefined ? "Add (type a label first)" : `Add as "${String(this.selected)}"`;
    this.add.disabled = this.selected === undefined || !this.strokes.length;
  }

  private listen(): void {
    let drawing: Stroke | undefined;
    const point = (event: PointerEvent) => pointOn(this.canvas, event, PAD);
    this.canvas.addEventListener("pointerdown", (event) => {
      this.canvas.setPointerCapture?.(event.pointerId);
      drawing = [point(event)];
      this.strokes.push(drawing);
    });
    this.canvas.addEventListener("pointermove", (event) => {
      if (!drawing) return;
      drawing.push(point(event));
      this.redraw(false);
    });
    const end = () => {
      if (!drawing) return;
      this.strokes[this.strokes.length - 1] = simplify(drawing, 1.5);
      drawing = undefined;
      this.redraw();
      this.renderLabels();
    };
    this.canvas.addEventListener("pointerup", end);
    this.canvas.addEventListener("pointercancel", end);
  }

  /** Strokes on the pad; with `full`, also the model's image and guess. */
  private redraw(full = true): void {
    const pad = this.canvas.getContext("2d");
    if (pad) {
      pad.fillStyle = "#fff";
      pad.fillRect(0, 0, PAD, PAD);
      pad.lineWidth = 8;
      pad.lineCap = pad.lineJoin = "round";
      pad.strokeStyle = "#111";
      for (const stroke of this.strokes) {
        pad.beginPath();
        stroke.forEach(([x, y], i) => (i ? pad.lineTo(x, y) : pad.moveTo(x, y)));
        if (stroke.length === 1) pad.lineTo(stroke[0][0] + 0.1, stroke[0][1]);
        pad.stroke();
      }
    }
    if (full) void this.showWhatTheModelSees();
  }

  private async showWhatTheModelSees(): Promise<void> {
    const size = this.spec.size;
    const pixels = this.strokes.length ? rasterize(this.strokes, { size }) : new Array<number>(size * size).fill(0);
    this.preview.width = this.preview.height = size;
    const context = this.preview.getContext("2d");
    if (context) {
      const image = context.createImageData(size, size);
      pixels.forEach((value, i) => image.data.set([255 - value * 255, 255 - value * 255, 255 - value * 255, 255], i * 4));
      context.putImageData(image, 0, 0);
    }
    const { model, classes } = this.spec;
    if (!model || !classes || !this.strokes.length) return void (this.guess.textContent = model ? "the model's guess shows here" : "");
    try {
      const tf = await import("@tensorflow/tfjs");
      const scores = tf.tidy(() => (model.predict(tf.tensor2d(pixels, [1, size * size])) as import("@tensorflow/tfjs").Tensor).dataSync());
      const best = scores.indexOf(Math.max(...scores));
      this.guess.textContent = `the model says ${String(classes[best])} (${formatPercent(scores[best], 0)})`;
    } catch {
      // The model was freed (its training cell re-ran): the next value brings the new one.
      this.guess.textContent = "the model is retraining…";
    }
  }

  private addDrawing(): void {
    this.message.clear();
    const source = this.context.host.examplesCellOf(this.spec.examples);
    if (!source) return this.message.show("these drawings do not come from an examples cell (const drawings = [ … ]), so the pad cannot add to them");
    if (!this.strokes.length || this.selected === undefined) return;
    try {
      this.context.host.editExamples(source.cellId, source.source, { kind: "add", input: encodeStrokes(this.strokes, { width: PAD, height: PAD }), output: this.selected });
      this.message.show(`added a drawing of ${String(this.selected)}`, "info");
      this.clear();
    } catch (error) {
      this.message.show((error as Error).message);
    }
  }

  private clear(): void {
    this.strokes = [];
    this.redraw();
    this.renderLabels();
  }
}

export const padKind: WidgetKind = {
  name: "pad",
  matches: (value) => isWidgetSpec(value) && value.widget === "pad",
  create: (value, context) => new DrawingPadWidget(value as PadSpec, context)
};
