// tfjs-vis charts (a chart spec from `teach.widgets.curves(training)` and its kin) drawn into the
// cell. The element stays while its cell re-runs; each new spec is drawn into a hidden buffer that
// replaces the old chart only once drawn (no flicker), at most one draw runs at a time and only
// the latest spec is drawn next (no pile-up), and a live chart redraws at most every 250 ms. A
// chart whose element left the page mid-draw is dropped quietly.
import { h } from "./dom.ts";
import type { Chart, ChartSpec } from "./spec-types.ts";
import { isWidgetSpec } from "./spec-types.ts";
import { frame } from "./frame.ts";
import type { SlotContext, Widget, WidgetKind } from "./widget.ts";

type Tfvis = { render: Record<string, (container: HTMLElement, ...rest: unknown[]) => Promise<void> | void> };

const LIVE_INTERVAL_MS = 250;
const SIZE = { width: 320, height: 180 };

let loading: Promise<Tfvis> | undefined;
const tfvis = () => (loading ??= import("../../kernels/browser/tfvis.ts").then(({ loadTfvis }) => loadTfvis() as Promise<unknown> as Promise<Tfvis>));

class ChartWidget implements Widget {
  readonly kind = "chart";
  readonly element: HTMLElement;
  private readonly grid = h("div", { class: "chart-grid" });
  private boxes: HTMLElement[] = [];
  private latest: ChartSpec;
  private drawn?: ChartSpec;
  private drawing = false;
  private lastDraw = 0;
  /** how many draws finished: tests and the README's timings read it */
  draws = 0;

  constructor(spec: ChartSpec, context: SlotContext) {
    this.latest = spec;
    this.element = frame("chart", context.name, [], this.grid);
    this.update(spec);
  }

  update(value: unknown): void {
    this.latest = value as ChartSpec;
    const layout = this.latest.charts.map((chart) => `${chart.kind} ${chart.title}`).join("|");
    if (layout !== this.grid.dataset.layout) {
      this.grid.dataset.layout = layout;
      this.boxes = this.latest.charts.map((chart) => h("figure", { class: "chart", "data-chart": chart.kind }, h("figcaption", {}, chart.title), h("div", { class: "chart-box" })));
      this.grid.replaceChildren(...this.boxes);
    }
    void this.drawLatest();
  }

  private async drawLatest(): Promise<void> {
    if (this.drawing) return;
    this.drawing = true;
    try {
      // The page attaches the element right after making it: start once it is there.
      await Promise.resolve();
      while (this.latest !== this.drawn) {
        const wait = this.latest.live ? this.lastDraw + LIVE_INTERVAL_MS - performance.now() : 0;
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!this.element.isConnected) break;
        const target = this.latest;
        this.lastDraw = performance.now();
        const vis = await tfvis();
        await Promise.all(target.charts.map((chart, k) => (this.boxes[k] ? drawInto(vis, this.boxes[k].querySelector<HTMLElement>(".chart-box")!, chart) : undefined)));
        this.drawn = target;
        this.draws++;
        this.element.dataset.draws = String(this.draws);
      }
    } finally {
      this.drawing = false;
    }
  }
}

/** Draws into a hidden buffer beside the shown chart, then swaps them in one step. */
async function drawInto(vis: Tfvis, box: HTMLElement, chart: Chart): Promise<void> {
  const shown = Array.from(box.children);
  const buffer = h("div", { class: `chart-buffer${shown.length ? " pending" : ""}` });
  box.append(buffer);
  try {
    if (!(await draw(vis, buffer, chart))) buffer.append(h("p", { class: "muted chart-empty" }, "nothing to draw yet"));
  } catch (error) {
    if (!buffer.isConnected) return;
    buffer.replaceChildren(h("p", { class: "widget-message", "data-kind": "error" }, `chart failed: ${(error as Error).message}`));
  }
  if (!buffer.isConnected) return;
  for (const old of Array.from(box.children)) if (old !== buffer) old.remove();
  buffer.classList.remove("pending");
}

async function draw(vis: Tfvis, element: HTMLElement, chart: Chart): Promise<boolean> {
  switch (chart.kind) {
    case "line":
    case "scatter": {
      if (!chart.data.values.some((series) => series.length)) return false;
      // tfvis draws a line of one point as nothing, on a scale of one value: one epoch is a dot on axes from 0.
      const single = chart.kind === "line" && chart.data.values.every((series) => series.length <= 1);
      const render = chart.kind === "line" && !single ? vis.render.linechart : vis.render.scatterplot;
      await render(element, chart.data, { ...SIZE, xLabel: chart.xLabel, yLabel: chart.yLabel, ...(single ? domainsFromZero(chart.data.values.flat()) : { zoomToFit: true }) });
      return true;
    }
    case "confusion":
      await vis.render.confusionMatrix(element, { values: chart.values, tickLabels: chart.tickLabels }, { ...SIZE, shadeDiagonal: true });
      return true;
    case "bar":
      await vis.render.barchart(element, chart.bars, { ...SIZE, yLabel: chart.yLabel });
      return true;
  }
}

function domainsFromZero(points: { x: number; y: number }[]): { xAxisDomain: [number, number]; yAxisDomain: [number, number] } {
  const ys = points.map((point) => point.y);
  const high = Math.max(0, ...ys);
  return { xAxisDomain: [0, Math.max(...points.map((point) => point.x)) + 1], yAxisDomain: [Math.min(0, ...ys), high > 0 ? high * 1.25 : 1] };
}

export const chartKind: WidgetKind = {
  name: "chart",
  matches: (value) => isWidgetSpec(value) && value.widget === "chart",
  create: (value, context) => new ChartWidget(value as ChartSpec, context)
};
