// A small SVG line chart that grows in place: cheap enough to redraw on every epoch of a
// training (no chart library, no layout), for the progress widget's live loss curve. It has
// axes (the value range on the left, the epochs below) and a legend naming each series shown.

const SVG = "http://www.w3.org/2000/svg";

export interface SparkSeries {
  name: string;
  values: number[];
  dashed?: boolean;
}

/** Room for the value labels on the left, the epoch labels below and the legend above. */
const MARGIN = { left: 40, right: 6, top: 16, bottom: 14 };

export class Sparkline {
  readonly element: SVGSVGElement;
  private readonly lines = new Map<string, SVGPolylineElement>();
  private readonly legend = svg("g", { class: "spark-legend" });
  private readonly labels: Record<"high" | "low" | "first" | "last", SVGTextElement>;

  constructor(
    private readonly width = 320,
    private readonly height = 64,
    private readonly xName = "epoch"
  ) {
    this.element = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "sparkline", role: "img" });
    const bottom = height - MARGIN.bottom;
    const axes = svg("path", { class: "spark-axis", d: `M${MARGIN.left},${MARGIN.top} V${bottom} H${width - MARGIN.right}` });
    this.labels = {
      high: svg("text", { class: "spark-label spark-top", x: MARGIN.left - 3, y: MARGIN.top + 7, "text-anchor": "end" }),
      low: svg("text", { class: "spark-label spark-bottom", x: MARGIN.left - 3, y: bottom, "text-anchor": "end" }),
      first: svg("text", { class: "spark-label spark-first", x: MARGIN.left, y: height - 2 }),
      last: svg("text", { class: "spark-label spark-last", x: width - MARGIN.right, y: height - 2, "text-anchor": "end" })
    };
    this.element.append(axes, this.legend, ...Object.values(this.labels));
  }

  /** Redraws every series on one shared scale (from 0 when the values are all positive). */
  draw(series: SparkSeries[]): void {
    const finite = series.flatMap((line) => line.values.filter(Number.isFinite));
    const length = Math.max(...series.map((line) => line.values.length), 0);
    const high = finite.length ? Math.max(...finite) : 1;
    const low = finite.length ? Math.min(0, ...finite) : 0;
    const span = high - low || 1;
    const plot = { width: this.width - MARGIN.left - MARGIN.right, height: this.height - MARGIN.top - MARGIN.bottom };
    // One point sits in the middle; more spread from the first epoch to the last.
    const x = (i: number) => MARGIN.left + (length > 1 ? (i / (length - 1)) * plot.width : plot.width / 2);
    const y = (value: number) => MARGIN.top + plot.height - ((value - low) / span) * plot.height;
    for (const line of series) {
      let element = this.lines.get(line.name);
      if (!element) {
        element = svg("polyline", { class: `spark-line${line.dashed ? " dashed" : ""}`, "data-series": line.name });
        this.element.append(element);
        this.lines.set(line.name, element);
      }
      const points = line.values.map((value, i) => (Number.isFinite(value) ? `${x(i).toFixed(1)},${y(value).toFixed(1)}` : "")).filter(Boolean);
      // A single epoch is a dot, not an invisible line of one point.
      element.setAttribute("points", points.length === 1 ? `${points[0]} ${points[0]}` : points.join(" "));
      element.classList.toggle("single", points.length === 1);
    }
    for (const [name, element] of this.lines) if (!series.some((line) => line.name === name)) element.setAttribute("points", "");
    this.labels.high.textContent = finite.length ? String(Number(high.toPrecision(3))) : "";
    this.labels.low.textContent = finite.length ? String(Number(low.toPrecision(3))) : "";
    this.labels.first.textContent = length ? `${this.xName} 1` : "";
    this.labels.first.setAttribute("x", String(length === 1 ? x(0) : MARGIN.left));
    this.labels.first.setAttribute("text-anchor", length === 1 ? "middle" : "start");
    this.labels.last.textContent = length > 1 ? String(length) : "";
    this.drawLegend(series.filter((line) => line.values.some(Number.isFinite)));
  }

  private drawLegend(shown: SparkSeries[]): void {
    let left = MARGIN.left;
    const items = shown.map((line) => {
      const item = svg("g", { class: "spark-legend-item", "data-series": line.name });
      item.append(svg("line", { class: `spark-line${line.dashed ? " dashed" : ""}`, x1: left, x2: left + 16, y1: 7, y2: 7 }), text(left + 20, 10, line.name));
      left += 28 + line.name.length * 5.5;
      return item;
    });
    this.legend.replaceChildren(...items);
  }
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

function text(x: number, y: number, content: string): SVGTextElement {
  const label = svg("text", { class: "spark-label", x, y });
  label.textContent = content;
  return label;
}
