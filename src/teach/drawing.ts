// The drawing pad's logic, without its DOM: strokes kept as a short string in the examples cell
// ("x,y x,y;x,y …", integers on a 0–99 grid, strokes split by ";"), simplified as they are drawn,
// and rasterised into the numbers a model takes (a size×size image, the drawing centred and scaled
// to fit, so where and how big it was drawn does not matter).

export type Stroke = [number, number][];

const GRID = 99;

/** Strokes (in any units, e.g. pad pixels) as the string stored in an example, scaled to the 0–99 grid. */
export function encodeStrokes(strokes: Stroke[], extent: { width: number; height: number } = { width: GRID, height: GRID }): string {
  const scale = GRID / Math.max(extent.width, extent.height);
  return strokes
    .filter((stroke) => stroke.length)
    .map((stroke) => stroke.map(([x, y]) => `${clampGrid(x * scale)},${clampGrid(y * scale)}`).join(" "))
    .join(";");
}

export function decodeStrokes(text: string): Stroke[] {
  if (typeof text !== "string") throw new TypeError(`a drawing is a string of strokes like "10,10 50,50;…", got ${typeof text}`);
  return text
    .split(";")
    .filter((part) => part.trim())
    .map((part, s) =>
      part
        .trim()
        .split(/\s+/)
        .map((pair) => {
          const [x, y] = pair.split(",").map(Number);
          if (!Number.isFinite(x) || !Number.isFinite(y)) throw new SyntaxError(`stroke ${s + 1}: "${pair}" is not a point x,y`);
          return [x, y] as [number, number];
        })
    );
}

/** Drops points that add less than `tolerance` of detail (Ramer–Douglas–Peucker), so stored lines stay short. */
export function simplify(stroke: Stroke, tolerance = 1): Stroke {
  if (stroke.length < 3) return stroke.slice();
  const keep = new Uint8Array(stroke.length);
  keep[0] = keep[stroke.length - 1] = 1;
  const stack: [number, number][] = [[0, stroke.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(stroke[i], stroke[first], stroke[last]);
      if (d > distance) [farthest, distance] = [i, d];
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return stroke.filter((_, i) => keep[i]);
}

export interface RasterOptions {
  /** pixels per side; default 16 */
  size?: number;
  /** empty pixels kept around the drawing; default 1 */
  margin?: number;
  /** pen width in pixels; default size / 12 */
  thickness?: number;
}

/** A drawing (strokes or their string) as size×size numbers in 0…1, row by row from the top. */
export function rasterize(drawing: string | Stroke[], options: RasterOptions = {}): number[] {
  const size = options.size ?? 16;
  const pixels = new Float32Array(size * size);
  rasterizeInto(pixels, 0, drawing, options);
  return Array.from(pixels);
}

/** Rasterises into `target` from `offset` (size² numbers, which must be zero), for many drawings in one typed array. */
export function rasterizeInto(target: Float32Array, offset: number, drawing: string | Stroke[], { size = 16, margin = 1, thickness = size / 12 }: RasterOptions = {}): void {
  const strokes = typeof drawing === "string" ? decodeStrokes(drawing) : drawing;
  const points = strokes.flat();
  if (!points.length) return;
  let [left, right, top, bottom] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of points) [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
  const span = Math.max(right - left, bottom - top) || 1;
  const scale = (size - 2 * margin - thickness) / span;
  // Centred: the longer side fills the image, the shorter one sits in the middle.
  const offsetX = size / 2 - ((left + right) / 2) * scale;
  const offsetY = size / 2 - ((top + bottom) / 2) * scale;
  // A pixel's ink falls off with its distance to the nearest segment and is 0 beyond `reach`, so
  // each segment only visits the pixels around it (the same image as measuring every pixel to
  // every segment, in a fraction of the time).
  const reach = thickness / 2 + 0.5;
  for (const stroke of strokes) {
    const placed = stroke.map(([x, y]) => [x * scale + offsetX, y * scale + offsetY] as [number, number]);
    const segments = placed.length === 1 ? [[placed[0], placed[0]]] : placed.slice(1).map((point, i) => [placed[i], point]);
    for (const [a, b] of segments) {
      const rows = [Math.max(0, Math.floor(Math.min(a[1], b[1]) - reach - 0.5)), Math.min(size - 1, Math.ceil(Math.max(a[1], b[1]) + reach - 0.5))];
      const columns = [Math.max(0, Math.floor(Math.min(a[0], b[0]) - reach - 0.5)), Math.min(size - 1, Math.ceil(Math.max(a[0], b[0]) + reach - 0.5))];
      for (let row = rows[0]; row <= rows[1]; row++) {
        for (let column = columns[0]; column <= columns[1]; column++) {
          const ink = Math.min(1, reach - segmentDistance([column + 0.5, row + 0.5], a, b));
          const at = offset + row * size + column;
          if (ink > target[at]) target[at] = ink;
        }
      }
    }
  }
}

function segmentDistance([px, py]: [number, number], [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function clampGrid(value: number): number {
  return Math.max(0, Math.min(GRID, Math.round(value)));
}
