// Drawings as images a model trains on, for thousands of them: every drawing rasterised into one
// Float32Array (see example-set.ts), yielding to the page between chunks so ten thousand drawings
// never freeze it. The images are exactly `rasterize`'s, so the drawing pad shows what the model sees.
import { checkExamples, type Example } from "./examples.ts";
import { rasterizeInto, type RasterOptions, type Stroke } from "./drawing.ts";
import { packedExamples } from "./example-set.ts";
import { nextMacrotask } from "./yield.ts";

export interface ImagesOptions extends RasterOptions {
  /** milliseconds of work between turns for the page; default 8 */
  sliceMs?: number;
}

/** Drawings (stroke strings, or strokes) → examples whose inputs are size×size images in one typed array. */
export async function images<O>(drawings: Example<string | Stroke[], O>[], options: ImagesOptions = {}): Promise<Example<Float32Array, O>[]> {
  const checked = checkExamples(drawings) as Example<string | Stroke[], O>[];
  const { sliceMs = 8, ...raster } = options;
  const size = raster.size ?? 16;
  if (!(Number.isInteger(size) && size >= 4 && size <= 256)) throw new RangeError(`images: size must be a whole number of pixels from 4 to 256, got ${size}`);
  const width = size * size;
  const pixels = new Float32Array(checked.length * width);
  let slice = performance.now();
  for (let i = 0; i < checked.length; i++) {
    try {
      rasterizeInto(pixels, i * width, checked[i].input, raster);
    } catch (error) {
      throw new TypeError(`images: drawing ${i}: ${(error as Error).message}`);
    }
    if (performance.now() - slice > sliceMs) {
      await nextMacrotask();
      slice = performance.now();
    }
  }
  return packedExamples(pixels, width, checked.map((example) => example.output));
}
