import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTensorflow } from "../../kernels/node/tensorflow.ts";
import { clickEdit, decisionGrid, toData, toPixel, viewOf, type PlaneView } from "../../src/teach/plane.ts";
import { applyExampleEdit, parseExamplesCell } from "../../src/notebook/examples-source.ts";
import { mlp } from "../../src/teach/models.ts";

beforeAll(() => loadTensorflow());

const view: PlaneView = { x: [-1, 1], y: [-1, 1], width: 200, height: 100 };

describe("the 2-D plane", () => {
  it("maps pixels to input space and back, with y growing upwards", () => {
    expect(toData(view, 0, 0)).toEqual([-1, 1]);
    expect(toData(view, 200, 100)).toEqual([1, -1]);
    expect(toPixel(view, toData(view, 50, 25))).toEqual([50, 25]);
  });

  it("frames the examples' points with a margin", () => {
    const framed = viewOf([{ input: [0, 0], output: 0 }, { input: [10, 5], output: 1 }], 300, 300);
    expect(framed.x).toEqual([-1, 11]);
    expect(framed.y).toEqual([-0.5, 5.5]);
    expect(viewOf([], 10, 10).x).toEqual([-1, 1]);
  });

  it("a click adds one line to the examples cell with the point and the selected class", () => {
    const source = "const examples = [\n  {input: [0.5, 0.5], output: 1},\n];";
    const edited = applyExampleEdit(source, clickEdit(view, 150, 75, 0));
    expect(edited).toBe("const examples = [\n  {input: [0.5, 0.5], output: 1},\n  {input: [0.5, -0.5], output: 0},\n];");
    const parsed = parseExamplesCell(edited);
    expect(parsed.ok && parsed.table.rows.length).toBe(2);
  });

  it("samples the model's decision regions on a grid without leaking tensors", () => {
    // Class 1 where x > 0: the right half of the plane.
    const model = mlp({ inputs: 2, hidden: [], classes: [0, 1] });
    const weights = [tf.tensor2d([[-10, 10], [0, 0]]), tf.tensor1d([0, 0])];
    model.setWeights(weights);
    tf.dispose(weights);
    const tensors = tf.memory().numTensors;
    const grid = decisionGrid(model, view, 4);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Array.from(grid.classIndex)).toEqual([0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]);
    expect(grid.classes).toEqual([0, 1]);
    expect(Math.min(...grid.confidence)).toBeGreaterThan(0.9);
    const regressor = mlp({ inputs: 2, hidden: [] });
    expect(() => decisionGrid(regressor, view)).toThrow(/classifier of 2 inputs/);
    model.dispose();
    regressor.dispose();
  });
});
