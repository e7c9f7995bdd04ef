import { describe, expect, it } from "vitest";
import { libraryModule } from "../../../kernels/browser/library-map.ts";

describe("the page's library map", () => {
  it("maps npm: and versioned package specifiers to the library map's installed packages", () => {
    expect(libraryModule("d3")).toBeTypeOf("function");
    expect(libraryModule("npm:d3@7")).toBe(libraryModule("d3"));
    expect(libraryModule("npm:@tensorflow/tfjs@4.22.0")).toBe(libraryModule("@tensorflow/tfjs"));
    expect(libraryModule("left-pad")).toBeUndefined();
  });
});
