// @observablehq/runtime ships no types; these cover what Exemplar uses, private fields included
// (the same ones Notebook Kit's own `define` relies on), so their use is checked and visible.
// Because of them package.json pins the runtime to exactly 6.0.1: a release may change any of
//   Variable._version, Variable._shadow, Variable._module  (src/runtime/define.ts: per-cell display/view)
//   Runtime._variables, Module._scope                      (src/runtime/notebook-runtime.ts: counting, dispose)
// Check these uses before moving the pin.
declare module "@observablehq/runtime" {
  export interface Observer {
    pending?(): void;
    fulfilled?(value: unknown, name?: string | null): void;
    rejected?(error: unknown, name?: string | null): void;
    _node?: Element;
  }

  export class Variable {
    constructor(type: number, module: Module, observer?: Observer | boolean, options?: { shadow?: Record<string, () => unknown> });
    define(name: string | null, inputs: string[], definition: (...args: any[]) => unknown): this;
    define(inputs: string[], definition: (...args: any[]) => unknown): this;
    delete(): this;
    readonly _name: string | null;
    readonly _version: number;
    readonly _module: Module;
    readonly _shadow: Map<string, Variable> | null;
    readonly _outputs: Set<Variable>;
    readonly _inputs: Variable[];
  }

  export class Module {
    variable(observer?: Observer | boolean, options?: { shadow?: Record<string, () => unknown> }): Variable;
    define(name: string | null, inputs: string[], definition: (...args: any[]) => unknown): Variable;
    redefine(name: string, inputs: string[], definition: (...args: any[]) => unknown): Variable;
    value(name: string): Promise<unknown>;
    readonly _scope: Map<string, Variable>;
  }

  export class Runtime {
    constructor(builtins?: Record<string, () => unknown>, global?: (name: string) => unknown);
    module(): Module;
    dispose(): void;
    readonly _variables: Set<Variable>;
    _computing: Promise<void> | null;
    _compute(): Promise<void>;
  }

  export class RuntimeError extends Error {
    constructor(message: string, input?: string);
    input?: string;
  }
}
