// The shapes of widget specs: what `teach.widgets.…` returns in every kernel and the page renders.
// Types and the type guard only (no tfjs, no DOM), so the page can recognise a spec without
// loading the teaching kit.
import type { LayersModel } from "@tensorflow/tfjs";
import type { DecisionGrid, PlaneView } from "../teach/plane.ts";
import type { Example, Label } from "../teach/examples.ts";
import type { SeriesData } from "../teach/charts.ts";

interface SpecBase {
  /** one line for terminals and headless runs, e.g. "plane · 302 examples · 2 classes" */
  summary: string;
}

/** A 2-D plane of the examples' points; a click adds a point of the selected class to the examples cell. */
export interface PlaneSpec extends SpecBase {
  widget: "plane";
  examples: Example[];
  view: PlaneView;
  classes: Label[];
  /** the model's decision regions behind the points, when a classifier was given */
  regions?: DecisionGrid;
  /** the epoch the regions were sampled at, when they come from a training */
  epoch?: number;
  /** decimals kept of a clicked point */
  digits: number;
}

/** A drawing pad that adds a drawing (its strokes as a string) with a label to the examples cell. */
export interface PadSpec extends SpecBase {
  widget: "pad";
  examples: Example[];
  labels: Label[];
  /** pixels per side of the image the model sees (`teach.rasterize`'s size) */
  size: number;
  /** guesses what is being drawn, when given */
  model?: LayersModel;
  /** the model's classes, in its output order */
  classes?: Label[];
}

export type Chart =
  | { kind: "line"; title: string; data: SeriesData; xLabel: string; yLabel: string }
  | { kind: "scatter"; title: string; data: SeriesData; xLabel: string; yLabel: string }
  | { kind: "confusion"; title: string; values: number[][]; tickLabels: string[] }
  | { kind: "bar"; title: string; bars: { index: string; value: number }[]; yLabel: string };

/** tfjs-vis charts drawn into the cell; a chart that grows (a training's curves) redraws in place. */
export interface ChartSpec extends SpecBase {
  widget: "chart";
  charts: Chart[];
  /** more values will come (a training still running): the page may skip some redraws */
  live: boolean;
}

export type WidgetSpec = PlaneSpec | PadSpec | ChartSpec;

const KINDS = new Set(["plane", "pad", "chart"]);

export function isWidgetSpec(value: unknown): value is WidgetSpec {
  if (!value || typeof value !== "object") return false;
  const candidate = value as { widget?: unknown; summary?: unknown };
  return typeof candidate.widget === "string" && KINDS.has(candidate.widget) && typeof candidate.summary === "string";
}
