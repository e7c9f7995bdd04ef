// tex`…` reads its template raw, as Kit's does: TeX's backslashes are commands, not escapes.
import { describe, expect, it } from "vitest";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { createTex } from "../../src/runtime/stdlib/tex.ts";

describe("tex", () => {
  it("keeps backslash commands such as \\frac and \\sqrt, inline and as a block", () => {
    const tex = createTex(nodeDom().document);
    expect(tex`\frac{1}{2}`.querySelector(".mfrac")).not.toBeNull();
    expect(tex.block`\sqrt{${2}}`.querySelector(".sqrt")).not.toBeNull();
    expect(tex.block`x`.querySelector(".katex-display")).not.toBeNull();
  });
});
