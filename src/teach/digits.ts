// Hand-drawn-looking digits 0–9 for the convolutional lesson, generated (nothing to download):
// each digit is drawn from a pen path in one of a few styles (a 1 with or without its flag, a 7
// with or without its bar, an open or closed 4), tilted, stretched, placed and shaken as a hand
// would. Seeded, so a seed gives the same drawings every time (a held-out set is another seed).
// Drawings are stroke strings like the drawing pad's, so generated and hand-drawn digits mix.
import type { Example } from "./examples.ts";
import { encodeStrokes, type Stroke } from "./drawing.ts";
import { normal, seededRandom } from "./random.ts";

export interface DigitsOptions {
  /** drawings per digit; default 10 */
  perClass?: number;
  seed?: number;
  /** which digits; default 0–9 */
  digits?: readonly number[];
}

type Point = [number, number];
type Path = Point[];

const ALL = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** Drawings as examples: input the stroke string (see drawing.ts), output the digit. */
export function digits({ perClass = 10, seed = 1, digits: which = ALL }: DigitsOptions = {}): Example<string, number>[] {
  const bad = which.find((digit) => !Number.isInteger(digit) || digit < 0 || digit > 9);
  if (bad !== undefined) throw new RangeError(`digits: ${bad} is not a digit 0–9`);
  const random = seededRandom(seed);
  const examples: Example<string, number>[] = [];
  for (let i = 0; i < perClass; i++) for (const digit of which) examples.push({ input: encodeStrokes(draw(digit, random)), output: digit });
  return examples;
}

function draw(digit: number, random: () => number): Stroke[] {
  const cx = 50 + 10 * (random() - 0.5);
  const cy = 50 + 10 * (random() - 0.5);
  const height = 30 + 10 * random();
  const width = height * (0.5 + 0.4 * random());
  // Handwriting leans right more often than left, and bends where the hand moves.
  const slant = 0.45 * (random() - 0.3);
  const tilt = 0.3 * (random() - 0.5);
  const bends = [0, 1].map(() => ({ amount: 0.18 * random(), frequency: 1 + 2.5 * random(), phase: 2 * Math.PI * random() }));
  const shake = 0.8 + 1.6 * random();
  const place = ([x, y]: Point): [number, number] => {
    const bentX = x + bends[0].amount * Math.sin(bends[0].frequency * y + bends[0].phase) - slant * y;
    const bentY = y + bends[1].amount * Math.sin(bends[1].frequency * x + bends[1].phase);
    const [rx, ry] = [bentX * Math.cos(tilt) - bentY * Math.sin(tilt), bentX * Math.sin(tilt) + bentY * Math.cos(tilt)];
    return [cx + width * rx + shake * normal(random), cy + height * ry + shake * normal(random)];
  };
  // The pen sets down late or lifts early now and then.
  const trim = (path: Path): Path => {
    if (path.length < 6 || random() < 0.6) return path;
    const cut = Math.floor(path.length * 0.15 * random());
    return random() < 0.5 ? path.slice(cut) : path.slice(0, path.length - cut);
  };
  return paths(digit, random).map((path) => trim(path).map(place));
}

/** A digit's pen paths in a unit box (x and y in −1…1, y down), in one of its styles. */
function paths(digit: number, random: () => number): Path[] {
  const jitter = (amount: number) => amount * (random() - 0.5);
  switch (digit) {
    case 0:
      return [arc(0, 0, 0.75 + jitter(0.2), 1, -Math.PI / 2 + jitter(0.6), 2.1 * Math.PI)];
    case 1: {
      const stem: Path = [[0.1 + jitter(0.2), -1], [jitter(0.2), 1]];
      return random() < 0.5 ? [stem] : [[[-0.45, -0.55 + jitter(0.2)], ...stem]];
    }
    case 2:
      return [[...arc(0, -0.45, 0.7, 0.55, -Math.PI * 0.95, Math.PI * 1.15), [-0.8 + jitter(0.2), 1], [0.8 + jitter(0.2), 1 + jitter(0.1)]]];
    case 3:
      return [[...arc(0, -0.5, 0.65, 0.5, -Math.PI * 0.9, Math.PI * 1.35), ...arc(0, 0.5, 0.75, 0.5, -Math.PI * 0.45, Math.PI * 1.4)]];
    case 4: {
      const bar = 0.3 + jitter(0.2);
      return random() < 0.5
        ? [[[0.35 + jitter(0.2), -1], [-0.85, bar], [0.85, bar]], [[0.4, -0.4 + jitter(0.3)], [0.4 + jitter(0.1), 1]]]
        : [[[-0.55 + jitter(0.2), -1], [-0.7, bar], [0.8, bar]], [[0.45, -1], [0.45 + jitter(0.1), 1]]];
    }
    case 5:
      return [[[0.7 + jitter(0.2), -1], [-0.5, -1], [-0.6 + jitter(0.2), -0.1], ...arc(-0.05, 0.4, 0.7, 0.55, -Math.PI * 0.75, Math.PI * 1.5)]];
    case 6:
      return [[[0.55 + jitter(0.3), -1], [-0.2, -0.6], [-0.65, 0.1], ...arc(0, 0.45, 0.65, 0.55, Math.PI, Math.PI * 2.05)]];
    case 7: {
      const stroke: Path = [[-0.8, -1 + jitter(0.1)], [0.8, -1], [-0.15 + jitter(0.4), 1]];
      return random() < 0.7 ? [stroke] : [stroke, [[-0.35, 0.05], [0.55, 0.05 + jitter(0.1)]]];
    }
    case 8:
      return [figureEight(0.55 + jitter(0.15), jitter(0.2))];
    case 9:
      return [[...arc(0, -0.45, 0.65, 0.55, 0.1 * Math.PI + jitter(0.3), Math.PI * 2.05), [0.6, -0.3], [0.35 + jitter(0.4), 1]]];
  }
  throw new RangeError(`digits: ${digit} is not a digit 0–9`);
}

/** Points along an ellipse centred at (x, y) from angle `start` through `sweep` (0 at the right, clockwise as y points down). */
function arc(x: number, y: number, rx: number, ry: number, start: number, sweep: number, steps = 14): Path {
  return Array.from({ length: steps + 1 }, (_, k) => {
    const angle = start + (sweep * k) / steps;
    return [x + rx * Math.cos(angle), y + ry * Math.sin(angle)] as Point;
  });
}

/** An 8 in one stroke: the top loop then the bottom one, crossing in the middle. */
function figureEight(width: number, lean: number): Path {
  return Array.from({ length: 29 }, (_, k) => {
    const t = (2 * Math.PI * k) / 28;
    const y = -Math.cos(t);
    return [width * Math.sin(2 * t) * (y < 0 ? 0.85 : 1) + lean * y, y] as Point;
  });
}
