// Rule vs model: a hand-written function and a learned model scored on the same examples, side
// by side, with every example where they disagree — learned logic next to written logic. Both
// answer a slice at a time, giving the page turns between: `await teach.compare(…)`.
import type * as tf from "@tensorflow/tfjs";
import { checkExamples, preview, type Example } from "./examples.ts";
import { evaluate } from "./evaluate.ts";
import { mapInSlices } from "./slices.ts";
import type { TrainingProgress } from "./train.ts";

export type Rule = (input: any) => unknown;

export interface CompareOptions {
  /** turns an example's input into the numbers the model takes (the rule sees the input as written) */
  features?: (input: any) => number[] | number;
  /** for regressors: answers closer than this count as equal; default 0 */
  tolerance?: number;
}

export interface Disagreement {
  index: number;
  input: unknown;
  expected: unknown;
  rule: unknown;
  model: unknown;
  ruleCorrect: boolean;
  modelCorrect: boolean;
}

export interface Comparison {
  examples: number;
  /** the share of examples each got right (regressors: within `tolerance`) */
  rule: { accuracy: number; errors: number };
  model: { accuracy: number; errors: number };
  /** the share of examples where the two answer the same */
  agreement: number;
  disagreements: Disagreement[];
}

/** Scores `rule` and `model` (a model, a training's latest value, or another rule) on `examples`. */
export async function compare(rule: Rule, model: tf.LayersModel | TrainingProgress | Rule, examples: Example[], options: CompareOptions = {}): Promise<Comparison> {
  if (typeof rule !== "function") throw new TypeError(`compare: the rule must be a function of an input, got ${preview(rule)}`);
  const checked = checkExamples(examples);
  const tolerance = options.tolerance ?? 0;
  const same = (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? Math.abs(a - b) <= tolerance : JSON.stringify(a) === JSON.stringify(b));
  const byRule = await mapInSlices(checked, (example) => apply(rule, example.input));
  const byModel = typeof model === "function" ? await mapInSlices(checked, (example) => apply(model, example.input)) : await modelAnswers(model, checked, options);
  const disagreements: Disagreement[] = [];
  let ruleRight = 0;
  let modelRight = 0;
  checked.forEach((example, index) => {
    const ruleCorrect = same(byRule[index], example.output);
    const modelCorrect = same(byModel[index], example.output);
    ruleRight += Number(ruleCorrect);
    modelRight += Number(modelCorrect);
    if (!same(byRule[index], byModel[index])) {
      disagreements.push({ index, input: example.input, expected: example.output, rule: byRule[index], model: byModel[index], ruleCorrect, modelCorrect });
    }
  });
  const n = checked.length;
  return {
    examples: n,
    rule: { accuracy: ruleRight / n, errors: n - ruleRight },
    model: { accuracy: modelRight / n, errors: n - modelRight },
    agreement: (n - disagreements.length) / n,
    disagreements
  };
}

/** A rule that throws answers with its error's message (it is wrong, not fatal). */
function apply(rule: Rule, input: unknown): unknown {
  try {
    return rule(input);
  } catch (error) {
    return `error: ${(error as Error)?.message ?? String(error)}`;
  }
}

async function modelAnswers(model: tf.LayersModel | TrainingProgress, examples: Example[], { features }: CompareOptions): Promise<unknown[]> {
  const encoded = features ? await mapInSlices(examples, (example) => ({ input: features(example.input), output: example.output })) : examples;
  const evaluation = await evaluate(model, encoded);
  return evaluation.predictions.map((prediction) => (evaluation.kind === "regress" && (prediction.predicted as number[]).length === 1 ? (prediction.predicted as number[])[0] : prediction.predicted));
}
