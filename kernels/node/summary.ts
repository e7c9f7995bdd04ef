// One-line summaries of cell values for the terminal: short enough for a table column, specific
// enough to check a result at a glance ("accuracy: 0.975", "Tensor float32 [400, 2]").
import { isWidgetSpec } from "../../src/widgets/spec-types.ts";

const MAX = 60;

export function summarize(value: unknown, width = MAX): string {
  const text = describe(value, 2);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function describe(value: unknown, depth: number): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
      return formatNumber(value);
    case "string":
      return JSON.stringify(value.length > MAX ? `${value.slice(0, MAX)}…` : value);
    case "boolean":
    case "bigint":
      return String(value);
    case "symbol":
      return value.toString();
    case "function":
      return `ƒ ${(value as { name?: string }).name || "anonymous"}()`;
  }
  const object = value as Record<string, unknown>;
  if (isElement(object)) return `<${String(object.tagName).toLowerCase()}> ${squash(String(object.textContent ?? ""))}`.trim();
  if (isTensor(object)) return `Tensor ${object.dtype} [${(object.shape as number[]).join(", ")}]`;
  if (isLayersModel(object)) return `LayersModel (${(object.layers as unknown[]).length} layers, ${Number((object as { countParams(): number }).countParams()).toLocaleString("en")} params)`;
  if (isDataFrame(object)) return `DataFrame ${(object.shape as number[]).join("×")} (${(object.columns as string[]).join(", ")})`;
  if (object[Symbol.toStringTag as unknown as string] === "Module") return `module (${Object.keys(object).length} exports)`;
  if (isWidgetSpec(object)) return object.summary;
  if (isTrainingProgress(object)) {
    const accuracy = (object.metrics as { accuracy?: number })?.accuracy;
    const state = object.cached ? " (cached)" : object.paused ? " (paused)" : "";
    return `epoch ${object.epoch}/${object.epochs} loss ${formatNumber(object.loss as number)}${accuracy !== undefined ? ` accuracy ${formatNumber(accuracy)}` : ""}${state}`;
  }
  if (Array.isArray(value)) {
    if (depth <= 0) return `Array(${value.length})`;
    const items = value.slice(0, 3).map((item) => describe(item, depth - 1));
    return `Array(${value.length}) [${items.join(", ")}${value.length > 3 ? ", …" : ""}]`;
  }
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return `Set(${value.size})`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof (value as Promise<unknown>).then === "function") return "Promise";
  if (depth <= 0) return "{…}";
  const entries = Object.entries(object).slice(0, 4);
  const body = entries.map(([key, item]) => `${key}: ${describe(item, depth - 1)}`).join(", ");
  return `{${body}${Object.keys(object).length > 4 ? ", …" : ""}}`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function isElement(object: Record<string, unknown>): boolean {
  return typeof object.nodeType === "number" && typeof object.tagName === "string";
}

function isTensor(object: Record<string, unknown>): boolean {
  return Array.isArray(object.shape) && typeof object.dtype === "string" && typeof object.dataSync === "function";
}

function isLayersModel(object: Record<string, unknown>): boolean {
  return Array.isArray(object.layers) && typeof object.predict === "function" && typeof object.countParams === "function";
}

function isDataFrame(object: Record<string, unknown>): boolean {
  return Array.isArray(object.shape) && Array.isArray(object.columns) && "$data" in object;
}

function isTrainingProgress(object: Record<string, unknown>): boolean {
  return typeof object.epoch === "number" && typeof object.epochs === "number" && "loss" in object;
}
