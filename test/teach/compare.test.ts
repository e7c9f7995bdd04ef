import { beforeAll, describe, expect, it } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { compare } from "../../src/teach/compare.ts";
import { signClassifier } from "./fixed-models.ts";

beforeAll(() => loadTensorflow());

describe("rule vs model", () => {
  const examples = [
    { input: "5", output: "pos" },
    { input: "-1", output: "neg" },
    { input: "0.5", output: "pos" },
    { input: "-0.2", output: "pos" },
    { input: "x", output: "neg" }
  ];
  // The rule is wrong about small positive numbers; the model (x > 0) about "-0.2".
  const rule = (text: string) => (Number(text) >= 1 ? "pos" : "neg");

  it("scores both on the same examples and lists every disagreement with who was right", async () => {
    const model = signClassifier();
    const comparison = await compare(rule, model, examples, { features: (text: string) => [Number(text) || 0] });
    expect(comparison.rule).toEqual({ accuracy: 3 / 5, errors: 2 });
    expect(comparison.model).toEqual({ accuracy: 4 / 5, errors: 1 });
    expect(comparison.agreement).toBeCloseTo(4 / 5);
    expect(comparison.disagreements).toEqual([{ index: 2, input: "0.5", expected: "pos", rule: "neg", model: "pos", ruleCorrect: false, modelCorrect: true }]);
    model.dispose();
  });

  it("a rule that throws is wrong on that example, not fatal", async () => {
    const strict = (text: string) => {
      if (Number.isNaN(Number(text))) throw new Error(`not a number: ${text}`);
      return Number(text) > 0 ? "pos" : "neg";
    };
    const comparison = await compare(strict, rule, examples);
    expect(comparison.rule.errors).toBe(2);
    expect(comparison.disagreements.find((d) => d.index === 4)).toMatchObject({ rule: "error: not a number: x", model: "neg", modelCorrect: true });
  });

  it("says what a rule must be", async () => {
    await expect(compare("x > 0" as never, rule, examples)).rejects.toThrow(/the rule must be a function/);
  });
});
