import { describe, expect, it } from "vitest";
import { NotebookPathError, resolveNotebookPath } from "../../src/notebook/notebook-paths.ts";

describe("the one rule for paths a notebook names", () => {
  it("resolves names against the notebook's folder, to paths under the root", () => {
    expect(resolveNotebookPath("spiral.html", "data.csv")).toBe("data.csv");
    expect(resolveNotebookPath("lessons/spiral.html", "./data/points.csv")).toBe("lessons/data/points.csv");
    expect(resolveNotebookPath("lessons/deep/a.html", "../shared.csv")).toBe("lessons/shared.csv");
    expect(resolveNotebookPath("lessons/a.html", "../models/m")).toBe("models/m");
  });

  it("refuses a name that leaves the root, naming the path and the root", () => {
    const leaving = () => resolveNotebookPath("lessons/a.html", "../../x.csv", "/home/ada/notebooks");
    expect(leaving).toThrow(NotebookPathError);
    expect(leaving).toThrow('"../../x.csv" leads outside /home/ada/notebooks: a path a notebook names is relative to its folder lessons/ and must stay inside /home/ada/notebooks');
    expect(() => resolveNotebookPath("a.html", "../m")).toThrow(/"\.\.\/m" leads outside the notebook root/);
  });

  it("refuses absolute names and names of no file", () => {
    expect(() => resolveNotebookPath("spiral.html", "/etc/passwd")).toThrow(/relative to the notebook, not an absolute one/);
    expect(() => resolveNotebookPath("spiral.html", "C:\\x.csv")).toThrow(/not an absolute one/);
    expect(() => resolveNotebookPath("spiral.html", "./")).toThrow(/names no file/);
  });
});
