// Small inline icons for the cell and page toolbars (SVG paths on a 16×16 grid).
const PATHS: Record<string, string> = {
  run: "M4 2.5v11l9-5.5z",
  stop: "M4 4h8v8H4z",
  up: "M8 3 3 9h3.5v4h3V9H13z",
  down: "M8 13l5-6H9.5V3h-3v4H3z",
  addAbove: "M7 1h2v3h3v2H9v3H7V6H4V4h3zM2 11h12v2H2z",
  addBelow: "M2 3h12v2H2zM7 7h2v3h3v2H9v3H7v-3H4v-2h3z",
  delete: "M5 2h6l1 2h3v2H1V4h3zM3 7h10l-1 8H4z",
  pin: "M9.5 1 15 6.5l-2 .5-3 3 .5 3.5-1.5 1.5-3-3L2 16l-1-1 4-4-3-3 1.5-1.5L7 7l3-3z"
};

export function icon(name: keyof typeof PATHS & string): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "14");
  svg.setAttribute("height", "14");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", PATHS[name]);
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  return svg;
}
