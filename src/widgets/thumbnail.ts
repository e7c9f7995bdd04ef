// A drawing stored as strokes ("x,y x,y;…" on the 0–99 grid) shown as a small picture in a table,
// and an image the model sees (n×n numbers from 0, paper, to 1, ink) as its pixels.
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

/** An n×n image of numbers from 0 (paper) to 1 (ink), as the model sees it, drawn at `size` pixels. */
export function pixelThumbnail(pixels: ArrayLike<number>, side: number, size = 32): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = side;
  canvas.className = "pixel-thumbnail";
  canvas.style.width = canvas.style.height = `${size}px`;
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", `${side}×${side} image`);
  const context = canvas.getContext?.("2d");
  if (context) {
    const image = context.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const shade = Math.round(255 - Math.min(1, Math.max(0, pixels[i])) * 255);
      image.data.set([shade, shade, shade, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }
  return canvas;
}
