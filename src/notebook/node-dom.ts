// Kit's parser and serializer need a DOMParser and a document; in Node, jsdom (Kit's own
// dependency) provides them. Created once, on first use, because a JSDOM window is costly.
import { JSDOM } from "jsdom";
import { NeedsBrowserError } from "../runtime/errors.ts";
import type { DomEnvironment } from "./format.ts";

let environment: DomEnvironment | undefined;

export function nodeDom(): DomEnvironment {
  if (!environment) {
    const { window } = new JSDOM("<!doctype html>");
    // jsdom has no canvas: a cell that draws on one needs a browser (and says so, as cells do).
    window.HTMLCanvasElement.prototype.getContext = () => {
      throw new NeedsBrowserError("canvas");
    };
    environment = { parser: new window.DOMParser(), document: window.document };
  }
  return environment;
}
