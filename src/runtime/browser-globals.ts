// Reading a page's own global (`window`, `devicePixelRatio`, `location`, …) headless must be a
// NeedsBrowserError where it happens, not a ReferenceError. Kit compiles the globals it knows to
// direct reads, so no runtime lookup ever sees them; instead the kernel names the globals to guard
// and a cell's free reads of them become calls to the kernel's reader. Only the cell's own code
// changes: libraries keep their `typeof window` checks, and so does the cell (`typeof window`
// is left as it is, so it still reads "undefined" headless).
import type { Node as AcornNode } from "acorn";
import { ancestor } from "acorn-walk";
import { parseDefinition } from "./definition-ast.ts";

/** The parameter through which compiled bodies read guarded globals: `__exemplar_global("window")`. */
export const GLOBAL_READER = "__exemplar_global";

type Identifier = AcornNode & { name: string };
type Parent = AcornNode & Record<string, unknown>;

/** Rewrites the body's free reads of `names` to `__exemplar_global(name)`; lines stay put. */
export function guardGlobalReads(body: string, names: ReadonlySet<string>): string {
  if (!names.size || ![...names].some((name) => body.includes(name))) return body;
  const root = parseDefinition(body);
  const declared = declaredNames(root);
  const edits: { start: number; end: number; text: string }[] = [];
  ancestor(root, {
    Identifier(node: AcornNode, _state: unknown, ancestors: AcornNode[]) {
      const { name } = node as Identifier;
      if (!names.has(name) || declared.has(name)) return;
      const parent = ancestors[ancestors.length - 2] as Parent | undefined;
      if (!parent || !isRead(node, parent)) return;
      const read = `${GLOBAL_READER}(${JSON.stringify(name)})`;
      // `{window}` is `{window: window}`: keep the key.
      const shorthand = parent.type === "Property" && parent.shorthand && parent.value === node;
      edits.push({ start: node.start, end: node.end, text: shorthand ? `${name}: ${read}` : read });
    }
  });
  edits.sort((a, b) => b.start - a.start);
  let output = body;
  for (const { start, end, text } of edits) output = output.slice(0, start) + text + output.slice(end);
  return output;
}

/** Whether this identifier is a read of a variable (not a property name, label, typeof operand or assignment target). */
function isRead(node: AcornNode, parent: Parent): boolean {
  switch (parent.type) {
    case "MemberExpression":
      return parent.object === node || !!parent.computed;
    case "Property":
    case "PropertyDefinition":
    case "MethodDefinition":
      return parent.value === node || (!!parent.computed && parent.key === node);
    case "UnaryExpression":
      return parent.operator !== "typeof";
    case "AssignmentExpression":
      return parent.right === node;
    case "ForInStatement":
    case "ForOfStatement":
      return parent.left !== node;
    case "UpdateExpression":
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return false;
    default:
      return true;
  }
}

/** Every name the body binds anywhere; a cell that declares its own `window` is left as written. */
function declaredNames(root: AcornNode): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: AcornNode | null | undefined): void => {
    if (!pattern) return;
    const node = pattern as Parent;
    switch (node.type) {
      case "Identifier":
        names.add(node.name as string);
        break;
      case "ObjectPattern":
        for (const property of node.properties as Parent[]) addPattern((property.type === "RestElement" ? property.argument : property.value) as AcornNode);
        break;
      case "ArrayPattern":
        for (const element of node.elements as AcornNode[]) addPattern(element);
        break;
      case "RestElement":
        addPattern(node.argument as AcornNode);
        break;
      case "AssignmentPattern":
        addPattern(node.left as AcornNode);
        break;
    }
  };
  const addFunction = (node: AcornNode) => {
    const fn = node as Parent;
    addPattern(fn.id as AcornNode);
    for (const param of fn.params as AcornNode[]) addPattern(param);
  };
  ancestor(root, {
    VariableDeclarator: (node: AcornNode) => addPattern((node as Parent).id as AcornNode),
    Function: addFunction,
    Class: (node: AcornNode) => addPattern((node as Parent).id as AcornNode),
    CatchClause: (node: AcornNode) => addPattern((node as Parent).param as AcornNode)
  });
  return names;
}
