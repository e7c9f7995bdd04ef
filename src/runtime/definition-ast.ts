// A compiled cell's body is one function expression: an arrow for Kit's JavaScript, a `function`
// (often anonymous, `function(md){…}`) for Observable JavaScript. Parsed as an expression, since
// an anonymous function is no statement: as a program it would not parse at all.
import { Parser, type Node as AcornNode } from "acorn";

/** The body's function node; offsets are the body's own. */
export function parseDefinition(body: string, locations = false): AcornNode {
  return Parser.parseExpressionAt(body, 0, { ecmaVersion: "latest", sourceType: "module", locations });
}
