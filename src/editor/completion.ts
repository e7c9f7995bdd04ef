// Autocompletion of the notebook's own names (cells' declarations and builtins) in JavaScript and
// TypeScript cells, and of the members of a name's live value after a dot (`teach.` → train, mlp, …).
import { javascriptLanguage } from "@codemirror/lang-javascript";
import { syntaxTree } from "@codemirror/language";
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from "@codemirror/autocomplete";
import type { Extension } from "@codemirror/state";

export interface NotebookNames {
  /** every name a cell can use: declarations of other cells and the builtins */
  names(): string[];
  /** the live value of a name, for completing its members; undefined when unknown */
  value?(name: string): Promise<unknown> | undefined;
}

const IDENTIFIER = /[A-Za-z_$][\w$]*$/;
const MEMBER = /([A-Za-z_$][\w$]*)\.([\w$]*)$/;
const NOT_CODE = new Set(["String", "TemplateString", "LineComment", "BlockComment", "RegExp"]);

export function notebookCompletion(source: NotebookNames): Extension {
  // JavaScript's language data is TypeScript's too (same parser, another dialect).
  return javascriptLanguage.data.of({ autocomplete: notebookNamesSource(source) });
}

export function notebookNamesSource(source: NotebookNames): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    if (NOT_CODE.has(syntaxTree(context.state).resolveInner(context.pos, -1).name)) return null;
    const member = context.matchBefore(MEMBER);
    if (member) {
      const [, object, prefix] = MEMBER.exec(member.text)!;
      if (!source.names().includes(object) || !source.value) return null;
      const value = await source.value(object)?.catch(() => undefined);
      const options = memberCompletions(value);
      return options.length ? { from: member.to - prefix.length, options, validFor: /^[\w$]*$/ } : null;
    }
    const word = context.matchBefore(IDENTIFIER);
    if (!word && !context.explicit) return null;
    const options = source.names().map((label): Completion => ({ label, type: "variable", detail: "notebook" }));
    return { from: word?.from ?? context.pos, options, validFor: /^[\w$]*$/ };
  };
}

/** Own keys and class methods of a value (not Object's), without private `_names`. */
export function memberCompletions(value: unknown): Completion[] {
  if (value == null || (typeof value !== "object" && typeof value !== "function")) return [];
  const names = new Set<string>();
  for (let object = value as object | null; object && object !== Object.prototype && object !== Function.prototype; object = Object.getPrototypeOf(object)) {
    for (const name of Object.getOwnPropertyNames(object)) if (name !== "constructor" && !name.startsWith("_")) names.add(name);
  }
  return [...names].sort().map((label) => {
    let type = "property";
    try {
      type = typeof (value as Record<string, unknown>)[label] === "function" ? "function" : "property";
    } catch {
      // a getter that throws is still a name worth offering
    }
    return { label, type };
  });
}
