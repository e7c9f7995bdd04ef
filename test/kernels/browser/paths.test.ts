import { describe, expect, it } from "vitest";
import { libraryModule } from "../../../kernels/browser/library-map.ts";
import { resolveNotebookPath } from "../../../kernels/browser/paths.ts";

describe("files and imports relative to a notebook in the page", () => {
  it("resolves names against the notebook's folder", () => {
    expect(resolveNotebookPath("spiral.html", "data.csv")).toBe("data.csv");
    expect(resolveNotebookPath("lessons/spiral.html", "./data/points.csv")).toBe("lessons/data/points.csv");
    expect(resolveNotebookPath("lessons/deep/a.html", "../shared.csv")).toBe("lessons/shared.csv");
  });

  it("refuses absolute names and names that climb above the root", () => {
    expect(() => resolveNotebookPath("spiral.html", "/etc/passwd")).toThrow(/relative to the notebook/);
    expect(() => resolveNotebookPath("lessons/a.html", "../../x.csv")).toThrow(/leaves the notebook folder's root/);
  });

  it("maps npm: and versioned package specifiers to the library map's installed packages", () => {
    expect(libraryModule("d3")).toBeTypeOf("function");
    expect(libraryModule("npm:d3@7")).toBe(libraryModule("d3"));
    expect(libraryModule("npm:@tensorflow/tfjs@4.22.0")).toBe(libraryModule("@tensorflow/tfjs"));
    expect(libraryModule("left-pad")).toBeUndefined();
  });
});
