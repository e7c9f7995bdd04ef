// Hand-drawn-looking shapes for the drawing lesson: circles, squares, triangles and crosses with
// the wobble, tilt, size and start point varying as a person's would. Seeded, so a seed gives the
// same drawings every time (a held-out set is another seed).
import type { Example } from "./examples.ts";
import { encodeStrokes, type Stroke } from "./drawing.ts";
import { normal, seededRandom } from "./random.ts";

export const SHAPES = ["circle", "square", "triangle", "cross"] as const;
export type Shape = (typeof SHAPES)[number];

export interface ShapesOptions {
  /** drawings per shape; default 10 */
  perClass?: number;
  seed?: number;
  /** which shapes; default all four */
  shapes?: readonly Shape[];
}

/** Drawings as examples: input the stroke string (see drawing.ts), output the shape's name. */
export function shapes({ perClass = 10, seed = 1, shapes: which = SHAPES }: ShapesOptions = {}): Example<string, Shape>[] {
  const random = seededRandom(seed);
  const examples: Example<string, Shape>[] = [];
  for (let i = 0; i < perClass; i++) for (const shape of which) examples.push({ input: encodeStrokes(draw(shape, random)), output: shape });
  return examples;
}

function draw(shape: Shape, random: () => number): Stroke[] {
  const cx = 50 + 12 * (random() - 0.5);
  const cy = 50 + 12 * (random() - 0.5);
  const radius = 22 + 14 * random();
  const tilt = 0.9 * (random() - 0.5);
  const stretch = 0.65 + 0.7 * random();
  // Hands shake, and corners land a little off where they were meant to be.
  const wobble = () => 2.5 * normal(random);
  const place = ([x, y]: [number, number]): [number, number] => {
    const [rx, ry] = [x * Math.cos(tilt) - y * Math.sin(tilt), x * Math.sin(tilt) + y * Math.cos(tilt)];
    return [cx + radius * rx * stretch + wobble(), cy + radius * ry + wobble()];
  };
  switch (shape) {
    case "circle": {
      const start = 2 * Math.PI * random();
      const sweep = 2 * Math.PI * (0.92 + 0.15 * random());
      const steps = 14 + Math.floor(6 * random());
      return [Array.from({ length: steps + 1 }, (_, k) => place([Math.cos(start + (sweep * k) / steps), Math.sin(start + (sweep * k) / steps)]))];
    }
    case "square":
      return [polygon([[-1, -1], [1, -1], [1, 1], [-1, 1]], random).map(place)];
    case "triangle":
      return [polygon([[0, -1], [1, 0.8], [-1, 0.8]], random).map(place)];
    case "cross":
      return [
        [place([-1, -1]), place([0, 0]), place([1, 1])],
        [place([1, -1]), place([0, 0]), place([-1, 1])]
      ];
  }
}

/** A closed outline starting at a random corner, with a point or two along each side. */
function polygon(corners: [number, number][], random: () => number): [number, number][] {
  const first = Math.floor(random() * corners.length);
  const ordered = corners.map((_, k) => corners[(first + k) % corners.length]);
  ordered.push(ordered[0]);
  const points: [number, number][] = [];
  for (let k = 0; k < ordered.length - 1; k++) {
    const [a, b] = [ordered[k], ordered[k + 1]];
    points.push(a, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
  }
  points.push(ordered[ordered.length - 1]);
  return points;
}
