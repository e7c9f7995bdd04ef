// Types for the two Observable packages the page uses that ship none.
declare module "@observablehq/inspector" {
  export class Inspector {
    constructor(node: Element);
    pending(): void;
    fulfilled(value: unknown, name?: string): void;
    rejected(error: unknown, name?: string): void;
  }
}

declare module "@observablehq/inputs" {
  const Inputs: Record<string, (...args: any[]) => HTMLElement>;
  export = Inputs;
}
