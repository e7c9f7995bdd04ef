// Data literals: the part of JavaScript an examples table can show and write back — numbers,
// strings, booleans, null, and arrays and plain objects of those. Reading one from an acorn node
// gives its value (or says it is code); writing one gives source text in the cell's own quote style.
import type { Node as AcornNode } from "acorn";

export type DataValue = number | string | boolean | null | DataValue[] | { [key: string]: DataValue };

const NOT_DATA = Symbol("not a data literal");
type Read = DataValue | typeof NOT_DATA;

/** The value of a data-literal node, or undefined when the node is code (a call, a name, …). */
export function readDataLiteral(node: AcornNode): { value: DataValue } | undefined {
  const value = read(node);
  return value === NOT_DATA ? undefined : { value };
}

function read(node: AcornNode): Read {
  const any = node as any;
  switch (node.type) {
    case "Literal":
      if (any.regex || any.bigint !== undefined) return NOT_DATA;
      return any.value as DataValue;
    case "UnaryExpression":
      if ((any.operator === "-" || any.operator === "+") && any.argument.type === "Literal" && typeof any.argument.value === "number") {
        return any.operator === "-" ? -any.argument.value : any.argument.value;
      }
      return NOT_DATA;
    case "TemplateLiteral":
      return any.expressions.length === 0 ? (any.quasis[0].value.cooked as string) : NOT_DATA;
    case "ArrayExpression": {
      const items: DataValue[] = [];
      for (const element of any.elements as (AcornNode | null)[]) {
        if (!element || element.type === "SpreadElement") return NOT_DATA;
        const value = read(element);
        if (value === NOT_DATA) return NOT_DATA;
        items.push(value);
      }
      return items;
    }
    case "ObjectExpression": {
      const object: Record<string, DataValue> = {};
      for (const property of any.properties) {
        const key = propertyKey(property);
        if (key === undefined || property.shorthand) return NOT_DATA;
        const value = read(property.value);
        if (value === NOT_DATA) return NOT_DATA;
        object[key] = value;
      }
      return object;
    }
    default:
      return NOT_DATA;
  }
}

/** A plain property's key (`a: …`, `"a": …`, `1: …`); undefined for computed keys, methods, spreads. */
export function propertyKey(property: any): string | undefined {
  if (property.type !== "Property" || property.computed || property.kind !== "init" || property.method) return undefined;
  if (property.key.type === "Identifier") return property.key.name;
  if (property.key.type === "Literal" && (typeof property.key.value === "string" || typeof property.key.value === "number")) return String(property.key.value);
  return undefined;
}

export interface WriteStyle {
  /** the quote strings are written with; default `"` */
  quote?: '"' | "'";
}

/** Source text for a value, e.g. `[0.5, -1]`, `{x: 1, "a b": "c"}`; throws for what is not data. */
export function writeDataLiteral(value: unknown, style: WriteStyle = {}): string {
  const quote = style.quote ?? '"';
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${value} cannot be written as an example value (use a finite number)`);
      return Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
      return String(value);
    case "string":
      return quoteString(value, quote);
  }
  if (Array.isArray(value)) return `[${value.map((item) => writeDataLiteral(item, style)).join(", ")}]`;
  if (typeof value === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : quoteString(key, quote)}: ${writeDataLiteral(item, style)}`
    );
    return `{${entries.join(", ")}}`;
  }
  throw new TypeError(`${typeof value === "object" ? Object.prototype.toString.call(value) : typeof value} cannot be written as an example value`);
}

function quoteString(text: string, quote: '"' | "'"): string {
  // U+2028/2029 are line breaks to a parser: escaped, a row stays on one line.
  const json = JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Deep equality of data values (what the table shows against what the source says). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b) || (typeof a === "number" && a === b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameData((a as any)[key], (b as any)[key]));
  }
  return false;
}
