// Kit compiles jsr: imports to a network address (esm.sh); cells compile to what the author wrote
// instead, so no kernel fetches them unless the author wrote the URL.
import { toCell } from "@observablehq/notebook-kit";
import { describe, expect, it } from "vitest";
import { compileCell } from "../../src/runtime/compile.ts";

function body(value: string): string {
  const result = compileCell(toCell({ id: 1, mode: "js", value }));
  if (!result.ok) throw new Error(result.error.message);
  return result.cell.body;
}

describe("an import Kit would fetch from the network", () => {
  it("a jsr: import keeps the specifier the author wrote", () => {
    expect(body('import {x} from "jsr:@std/x";')).toContain('__exemplar_import("jsr:@std/x")');
    expect(body('import {x} from "jsr:@std/x";')).not.toMatch(/esm\.sh/);
  });

  it("a full address the author wrote stays as written", () => {
    expect(body('import {x} from "https://esm.sh/jsr/@std/x";')).toContain('__exemplar_import("https://esm.sh/jsr/@std/x")');
  });
});
