// Numbers from short strings, for models that classify text by its shape ("2024-03-01" is digits,
// a dash, digits…): the share of each character class and which classes follow which.

const CLASSES = ["digit", "lower", "upper", "space", "-", "/", ".", ":", "@", "other"] as const;

function classOf(character: string): number {
  if (/[0-9]/.test(character)) return 0;
  if (/\p{Ll}/u.test(character)) return 1;
  if (/\p{Lu}/u.test(character)) return 2;
  if (/\s/.test(character)) return 3;
  const symbol = "-/.:@".indexOf(character);
  return symbol >= 0 ? 4 + symbol : 9;
}

/**
 * 111 numbers for a string: its length (/ 16), the share of each of 10 character classes (digit,
 * lower, upper, space, - / . : @, other), and for each ordered pair of classes whether one follows
 * the other somewhere (with the start and end of the string counted as spaces).
 */
export function textFeatures(text: string): number[] {
  if (typeof text !== "string") throw new TypeError(`textFeatures takes a string, got ${typeof text}`);
  const characters = Array.from(text);
  const k = CLASSES.length;
  const shares = new Array<number>(k).fill(0);
  const pairs = new Array<number>(k * k).fill(0);
  const classes = characters.map(classOf);
  for (const c of classes) shares[c] += 1 / Math.max(1, characters.length);
  const padded = [3, ...classes, 3];
  for (let i = 1; i < padded.length; i++) pairs[padded[i - 1] * k + padded[i]] = 1;
  return [Math.min(characters.length, 32) / 16, ...shares, ...pairs];
}

export const TEXT_CLASSES = CLASSES;
