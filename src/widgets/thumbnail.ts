// A drawing stored as strokes ("x,y x,y;…" on the 0–99 grid) shown as a small picture in a table.
import { decodeStrokes } from "../teach/drawing.ts";

const SVG = "http://www.w3.org/2000/svg";
const STROKES = /^\d{1,2},\d{1,2}(?:[ ;]+\d{1,2},\d{1,2})*$/;

export function looksLikeStrokes(value: unknown): value is string {
  return typeof value === "string" && value.length > 6 && STROKES.test(value.trim());
}

export function strokeThumbnail(text: string, size = 32): SVGSVGElement | undefined {
  let strokes;
  try {
    strokes = decodeStrokes(text);
  } catch {
    return undefined;
  }
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "-4 -4 107 107");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("class", "stroke-thumbnail");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `drawing of ${strokes.length} stroke${strokes.length === 1 ? "" : "s"}`);
  for (const stroke of strokes) {
    const line = document.createElementNS(SVG, "polyline");
    line.setAttribute("points", stroke.map(([x, y]) => `${x},${y}`).join(" "));
    svg.append(line);
  }
  return svg;
}
