// The 2-D plane (TensorFlow Playground style): the examples' points over the model's decision
// regions. A click adds a point of the selected class to the examples cell (one new source line),
// Alt-click removes the nearest point written in the cell. Clicked points show at once, marked as
// pending, until the examples cell has run with them.
import { h } from "./dom.ts";
import { rowsOfValues } from "../notebook/examples-source.ts";
import type { Label } from "../teach/examples.ts";
import type { DecisionGrid } from "../teach/plane.ts";
import type { PlaneSpec } from "./spec-types.ts";
import { isWidgetSpec } from "./spec-types.ts";
import { frame, messageLine } from "./frame.ts";
import { pointOn } from "./pointer.ts";
import type { SlotContext, Widget, WidgetKind } from "./widget.ts";

export const CLASS_COLORS = ["#f08c00", "#1c7ed6", "#2f9e44", "#c2255c", "#7048e8", "#0c8599", "#5c940d", "#862e9c"];

const colorOf = (classes: Label[], label: unknown) => CLASS_COLORS[Math.max(0, classes.indexOf(label as Label)) % CLASS_COLORS.length];

class PlaneWidget implements Widget {
  readonly kind = "plane";
  readonly element: HTMLElement;
  private readonly canvas = h("canvas", { class: "plane-canvas", role: "img" });
  private readonly picker = h("div", { class: "class-picker", role: "radiogroup", "aria-label": "Class of the next point" });
  private readonly info = h("span", { class: "widget-caption" });
  private readonly hint = h("div", { class: "plane-hint" }, "Click adds a point of the selected class; Alt-click removes a point you added (a ringed one).");
  private readonly message = messageLine();
  private readonly logic = import("../teach/plane.ts");
  private spec!: PlaneSpec;
  private context: SlotContext;
  private selected?: Label;
  private pending: { point: [number, number]; label: Label }[] = [];

  constructor(spec: PlaneSpec, context: SlotContext) {
    this.context = context;
    this.canvas.addEventListener("click", (event) => void this.click(event));
    this.element = frame("plane", context.name, [this.info], this.picker, this.canvas, this.hint, this.message.element);
    this.update(spec, context);
  }

  update(value: unknown, context: SlotContext): void {
    const spec = value as PlaneSpec;
    if (this.spec && spec.examples !== this.spec.examples) this.pending = [];
    this.spec = spec;
    this.context = context;
    if (this.selected === undefined || !spec.classes.includes(this.selected)) this.selected = spec.classes[spec.classes.length > 1 ? 1 : 0];
    this.renderPicker();
    const epoch = spec.epoch !== undefined ? ` · regions after epoch ${spec.epoch}` : spec.regions ? " · the model's regions" : "";
    this.info.textContent = `${spec.examples.length} points${epoch}`;
    this.canvas.setAttribute("aria-label", `${spec.examples.length} points of ${spec.classes.length} classes on a plane`);
    this.draw();
  }

  private renderPicker(): void {
    const classes = this.spec.classes;
    const key = classes.map(String).join("\n");
    if (this.picker.dataset.classes !== key) {
      this.picker.dataset.classes = key;
      this.picker.replaceChildren(
        ...classes.map((label) => {
          const button = h("button", { type: "button", role: "radio", class: "class-choice", "data-class": String(label) }, h("span", { class: "swatch" }), `class ${String(label)}`);
          button.style.setProperty("--swatch", colorOf(classes, label));
          button.addEventListener("click", () => ((this.selected = label), this.renderPicker()));
          return button;
        })
      );
    }
    for (const button of Array.from(this.picker.children)) button.setAttribute("aria-checked", String((button as HTMLElement).dataset.class === String(this.selected)));
  }

  private draw(): void {
    const { view, regions, examples, classes } = this.spec;
    const ratio = globalThis.devicePixelRatio || 1;
    this.canvas.width = Math.round(view.width * ratio);
    this.canvas.height = Math.round(view.height * ratio);
    this.canvas.style.width = `${view.width}px`;
    this.canvas.style.aspectRatio = `${view.width} / ${view.height}`;
    // The captions and class choices wrap at the plane's width.
    this.element.style.maxWidth = `${view.width + 2}px`;
    const context = this.canvas.getContext("2d");
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = "#fff";
    context.fillRect(0, 0, view.width, view.height);
    if (regions) context.drawImage(regionImage(regions), 0, 0, view.width, view.height);
    const written = this.writtenRows();
    const toPixel = ([x, y]: number[]) => [((x - view.x[0]) / (view.x[1] - view.x[0])) * view.width, ((view.y[1] - y) / (view.y[1] - view.y[0])) * view.height];
    examples.forEach((example, index) => dot(context, toPixel(example.input as number[]), colorOf(classes, example.output), written.has(index) ? "written" : "plain"));
    for (const { point, label } of this.pending) dot(context, toPixel(point), colorOf(classes, label), "pending");
  }

  /** Indices of the points written as lines of the examples cell (the ones Alt-click can remove). */
  private writtenRows(): Map<number, number> {
    const source = this.context.host.examplesCellOf(this.spec.examples);
    const written = new Map<number, number>();
    if (!source) return written;
    rowsOfValues(source.table, source.values.length).forEach((row, index) => {
      if (row !== undefined && source.table.rows[row].kind === "literal") written.set(index, row);
    });
    return written;
  }

  private async click(event: MouseEvent): Promise<void> {
    this.message.clear();
    const source = this.context.host.examplesCellOf(this.spec.examples);
    if (!source) return this.message.show("these points do not come from an examples cell (const examples = [ … ]), so a click cannot add to them");
    const [px, py] = pointOn(this.canvas, event, this.spec.view.width);
    const { clickEdit, toData, toPixel } = await this.logic;
    try {
      if (event.altKey) {
        const nearest = [...this.writtenRows()]
          .map(([index, row]) => ({ row, distance: Math.hypot(...toPixel(this.spec.view, this.spec.examples[index].input as [number, number]).map((v, k) => v - [px, py][k])) }))
          .sort((a, b) => a.distance - b.distance)[0];
        if (!nearest || nearest.distance > 10) return this.message.show("Alt-click removes a point you added (one written in the cell); there is none here", "info");
        this.context.host.editExamples(source.cellId, source.source, { kind: "delete", row: nearest.row });
        return;
      }
      const edit = clickEdit(this.spec.view, px, py, this.selected!, this.spec.digits);
      this.context.host.editExamples(source.cellId, source.source, edit);
      this.pending.push({ point: toData(this.spec.view, px, py), label: this.selected! });
      this.draw();
    } catch (error) {
      this.message.show((error as Error).message);
    }
  }
}

/** The regions as a small image, one pixel per grid cell, scaled up smoothly when drawn. */
function regionImage(regions: DecisionGrid): HTMLCanvasElement {
  const image = document.createElement("canvas");
  image.width = image.height = regions.size;
  const context = image.getContext("2d")!;
  const pixels = context.createImageData(regions.size, regions.size);
  for (let i = 0; i < regions.classIndex.length; i++) {
    const hex = colorOf(regions.classes, regions.classes[regions.classIndex[i]]);
    const strength = 0.15 + 0.35 * Math.max(0, (regions.confidence[i] - 0.5) * 2);
    // Blended onto white here, so the image needs no alpha.
    for (let k = 0; k < 3; k++) pixels.data[i * 4 + k] = Math.round(255 - (255 - parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16)) * strength);
    pixels.data[i * 4 + 3] = 255;
  }
  context.putImageData(pixels, 0, 0);
  return image;
}

function dot(context: CanvasRenderingContext2D, [x, y]: number[], color: string, kind: "plain" | "written" | "pending"): void {
  context.beginPath();
  context.arc(x, y, kind === "plain" ? 3.5 : 5, 0, Math.PI * 2);
  context.fillStyle = kind === "pending" ? "#fff" : color;
  context.fill();
  context.lineWidth = kind === "plain" ? 1 : 2;
  context.strokeStyle = kind === "plain" ? "#fff" : kind === "written" ? "#111" : color;
  context.setLineDash(kind === "pending" ? [2, 2] : []);
  context.stroke();
  context.setLineDash([]);
}

export const planeKind: WidgetKind = {
  name: "plane",
  matches: (value) => isWidgetSpec(value) && value.widget === "plane",
  create: (value, context) => new PlaneWidget(value as PlaneSpec, context)
};
