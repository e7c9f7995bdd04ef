// Kit's parser and serializer over the page's own DOM (Node uses jsdom for the same, see node-dom.ts).
import type { DomEnvironment } from "../notebook/format.ts";

let environment: DomEnvironment | undefined;

export function pageDom(): DomEnvironment {
  return (environment ??= { parser: new DOMParser(), document });
}
