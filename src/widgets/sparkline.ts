// A small SVG line chart that grows in place: cheap enough to redraw on every epoch of a
// training (no chart library, no layout), for the progress widget's live loss curve.

const SVG = "http://www.w3.org/2000/svg";

export interface SparkSeries {
  name: string;
  values: number[];
  dashed?: boolean;
}

export class Sparkline {
  readonly element: SVGSVGElement;
  private readonly lines = new Map<string, SVGPolylineElement>();
  private readonly labels: SVGTextElement[];

  constructor(
    private readonly width = 320,
    private readonly height = 64
  ) {
    this.element = document.createElementNS(SVG, "svg");
    this.element.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.element.setAttribute("class", "sparkline");
    this.labels = ["top", "bottom"].map((where) => {
      const label = document.createElementNS(SVG, "text");
      label.setAttribute("class", `spark-label spark-${where}`);
      label.setAttribute("x", "2");
      label.setAttribute("y", where === "top" ? "10" : String(height - 2));
      this.element.append(label);
      return label;
    });
  }

  /** Redraws every series on one shared scale (from 0 when the values are all positive). */
  draw(series: SparkSeries[]): void {
    const finite = series.flatMap((line) => line.values.filter(Number.isFinite));
    const length = Math.max(2, ...series.map((line) => line.values.length));
    const high = finite.length ? Math.max(...finite) : 1;
    const low = finite.length ? Math.min(0, ...finite) : 0;
    const span = high - low || 1;
    for (const line of series) {
      let element = this.lines.get(line.name);
      if (!element) {
        element = document.createElementNS(SVG, "polyline");
        element.setAttribute("class", `spark-line${line.dashed ? " dashed" : ""}`);
        element.setAttribute("data-series", line.name);
        this.element.append(element);
        this.lines.set(line.name, element);
      }
      const points = line.values.map((value, i) => (Number.isFinite(value) ? `${((i / (length - 1)) * this.width).toFixed(1)},${(this.height - 4 - ((value - low) / span) * (this.height - 16)).toFixed(1)}` : "")).filter(Boolean);
      element.setAttribute("points", points.join(" "));
    }
    for (const [name, element] of this.lines) if (!series.some((line) => line.name === name)) element.setAttribute("points", "");
    this.labels[0].textContent = finite.length ? String(Number(high.toPrecision(3))) : "";
    this.labels[1].textContent = finite.length ? String(Number(low.toPrecision(3))) : "";
  }
}
