import { CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { javascript } from "@codemirror/lang-javascript";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { memberCompletions, notebookNamesSource, type NotebookNames } from "../../src/editor/completion.ts";

class Teacher {
  _secret = 1;
  examples = [];
  train() {}
}

const names: NotebookNames = {
  names: () => ["examples", "evaluation", "teach"],
  value: (name) => (name === "teach" ? Promise.resolve(new Teacher()) : undefined)
};

async function complete(doc: string, explicit = false): Promise<CompletionResult | null> {
  const state = EditorState.create({ doc, extensions: [javascript()] });
  return notebookNamesSource(names)(new CompletionContext(state, doc.length, explicit));
}

const labels = (result: CompletionResult | null) => result?.options.map((option) => option.label);

describe("completion of the notebook's names", () => {
  it("offers the notebook's names for the word being typed", async () => {
    const result = await complete("const total = ex");
    expect(result?.from).toBe("const total = ".length);
    expect(labels(result)).toEqual(["examples", "evaluation", "teach"]);
  });

  it("offers nothing inside a string or a comment, nor on an empty position unless asked", async () => {
    expect(await complete('const label = "ex')).toBeNull();
    expect(await complete("// ex")).toBeNull();
    expect(await complete("const total = ")).toBeNull();
    expect(labels(await complete("const total = ", true))).toContain("examples");
  });

  it("after a dot, offers the members of the name's live value (fields and methods, no private ones)", async () => {
    const result = await complete("teach.tr");
    expect(result?.from).toBe("teach.".length);
    expect(labels(result)).toEqual(["examples", "train"]);
    expect(result?.options.find((option) => option.label === "train")?.type).toBe("function");
    expect(await complete("Math.ma")).toBeNull();
  });

  it("members of plain values and modules; none for numbers or null", () => {
    expect(memberCompletions({ b: 1, a: () => 0 }).map((option) => [option.label, option.type])).toEqual([["a", "function"], ["b", "property"]]);
    expect(memberCompletions(3)).toEqual([]);
    expect(memberCompletions(null)).toEqual([]);
  });
});
