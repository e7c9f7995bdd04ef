// tfjs values as a person reads them: "Tensor float32 [400, 2]" and "LayersModel · 3 layers ·
// 1,218 params" (its layers listed when opened), instead of the inspector's walk of their internals.
import { h } from "./dom.ts";
import { formatValue } from "./format.ts";
import { frame } from "./frame.ts";
import type { SlotContext, Widget, WidgetKind } from "./widget.ts";

interface TensorLike {
  dtype: string;
  shape: number[];
  isDisposed: boolean;
  dataSync(): ArrayLike<number>;
}

interface LayerLike {
  name: string;
  getClassName(): string;
  outputShape: unknown;
  countParams(): number;
}

interface ModelLike {
  layers: LayerLike[];
  countParams(): number;
  predict: unknown;
}

function isTensor(value: unknown): value is TensorLike {
  const candidate = value as Partial<TensorLike> | null;
  return !!candidate && typeof candidate === "object" && typeof candidate.dtype === "string" && Array.isArray(candidate.shape) && typeof candidate.dataSync === "function";
}

function isModel(value: unknown): value is ModelLike {
  const candidate = value as Partial<ModelLike> | null;
  return !!candidate && typeof candidate === "object" && Array.isArray(candidate.layers) && typeof candidate.countParams === "function" && typeof candidate.predict === "function";
}

export function describeTfValue(value: unknown): string | undefined {
  if (isTensor(value)) return `Tensor ${value.dtype} [${value.shape.join(", ")}]${value.isDisposed ? " (disposed)" : ""}`;
  if (isModel(value)) {
    const layers = value.layers.length;
    return `LayersModel · ${layers} layer${layers === 1 ? "" : "s"} · ${safeCount(() => value.countParams()).toLocaleString("en")} params`;
  }
  return undefined;
}

function safeCount(count: () => number): number {
  try {
    return count();
  } catch {
    return NaN;
  }
}

class TfObjectWidget implements Widget {
  readonly kind = "tf";
  readonly element: HTMLElement;
  private readonly details = h("details", { class: "tf-object" });
  private tensor?: TensorLike;

  constructor(value: unknown, context: SlotContext) {
    this.element = frame("tf", context.name, [], this.details);
    // A tensor's values are read only when opened (and not at all once it is disposed).
    this.details.addEventListener("toggle", () => {
      const body = this.details.querySelector(".tensor-values");
      if (!this.details.open || !this.tensor || !body || body.textContent) return;
      body.textContent = tensorValues(this.tensor);
    });
    this.update(value);
  }

  update(value: unknown): void {
    this.tensor = isModel(value) ? undefined : (value as TensorLike);
    this.details.open = false;
    this.details.replaceChildren(h("summary", {}, describeTfValue(value) ?? ""), isModel(value) ? layerTable(value) : h("div", { class: "tensor-values muted" }));
  }
}

function layerTable(model: ModelLike): HTMLElement {
  return h(
    "table",
    { class: "data-table layers" },
    h("thead", {}, h("tr", {}, h("th", {}, "layer"), h("th", {}, "type"), h("th", {}, "output shape"), h("th", { class: "numeric" }, "params"))),
    h(
      "tbody",
      {},
      model.layers.map((layer) => h("tr", {}, h("td", {}, layer.name), h("td", {}, layer.getClassName()), h("td", {}, JSON.stringify(layer.outputShape).replace(/null/g, "batch")), h("td", { class: "numeric" }, safeCount(() => layer.countParams()).toLocaleString("en"))))
    )
  );
}

function tensorValues(tensor: TensorLike): string {
  if (tensor.isDisposed) return "(disposed: its cell re-ran)";
  const values = Array.from((tensor.dataSync() as Float32Array).subarray(0, 24));
  return `${values.map(formatValue).join(", ")}${tensor.shape.reduce((a, b) => a * b, 1) > 24 ? ", …" : ""}`;
}

export const tfObjectKind: WidgetKind = {
  name: "tf",
  matches: (value) => describeTfValue(value) !== undefined,
  create: (value, context) => new TfObjectWidget(value, context)
};
