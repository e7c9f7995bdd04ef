// Headless, a cell that reads a page's global (`document`, `navigator`, …) needs a browser. Kit
// compiles the globals it knows to direct reads, which Node would fail with its own ReferenceError;
// instead, the Node kernel's cells read those names through `PAGE_GLOBAL`, which throws a
// NeedsBrowserError: the kind is the thrower's, never read back from a message. `typeof document`
// is left as it is, so a cell that checks for a page still runs headless.
import { Parser, type Node as AcornNode } from "acorn";
import { ancestor } from "acorn-walk";
import { BROWSER_ONLY_NAMES, NeedsBrowserError } from "./errors.ts";

/** The parameter through which rewritten bodies read a page's globals: `__exemplar_page("document")`. */
export const PAGE_GLOBAL = "__exemplar_page";

/** What rewritten cells call: the global when there is one, else a NeedsBrowserError. */
export function pageGlobal(name: string): unknown {
  if (name in globalThis) return (globalThis as Record<string, unknown>)[name];
  throw new NeedsBrowserError(name);
}

type Identifier = AcornNode & { name: string };

/**
 * Rewrites reads of page-only globals in a compiled body to `PAGE_GLOBAL("name")`. A name the
 * cell binds anywhere (an input, a declaration, a parameter) is left alone. Adds no line breaks.
 */
export function readPageGlobalsThroughKernel(body: string): string {
  if (![...BROWSER_ONLY_NAMES].some((name) => body.includes(name))) return body;
  const program = Parser.parse(body, { ecmaVersion: "latest", sourceType: "module" });
  const bound = new Set<string>();
  const reads: { node: Identifier; shorthand: boolean }[] = [];
  // acorn-walk visits a binding (declaration, parameter, pattern) as a VariablePattern and a read
  // as an Identifier; property names and member names that are not computed are not visited.
  ancestor(program, {
    VariablePattern(node: AcornNode) {
      bound.add((node as Identifier).name);
    },
    Identifier(node: AcornNode, _state: unknown, ancestors: AcornNode[]) {
      const { name } = node as Identifier;
      if (!BROWSER_ONLY_NAMES.has(name)) return;
      const parent = ancestors[ancestors.length - 2] as AcornNode & { operator?: string; shorthand?: boolean };
      if (parent.type === "UnaryExpression" && parent.operator === "typeof") return;
      reads.push({ node: node as Identifier, shorthand: parent.type === "Property" && parent.shorthand === true });
    }
  } as Parameters<typeof ancestor>[1]);
  let output = body;
  for (const { node, shorthand } of reads.filter(({ node }) => !bound.has(node.name)).sort((a, b) => b.node.start - a.node.start)) {
    const read = `${PAGE_GLOBAL}(${JSON.stringify(node.name)})`;
    output = output.slice(0, node.start) + (shorthand ? `${node.name}: ${read}` : read) + output.slice(node.end);
  }
  return output;
}
