// The kernel contract (kernel.ts) served in this process over a NotebookRuntime: commands become
// runtime calls, the runtime's cell events become messages. kernels/browser and kernels/node wrap
// their runtime with it.
import type { CompiledCell } from "./compile.ts";
import { definedNames } from "./compile.ts";
import type { CellOutline, Kernel, KernelCommand, KernelListener, KernelMessage } from "./kernel.ts";
import type { CellEvent, CellReport, NotebookRuntime } from "./notebook-runtime.ts";

/** Names the runtime gives each cell of its own (see define.ts), besides the library's. */
const CELL_NAMES = ["display", "view", "invalidation"];

export interface RuntimeKernelOptions {
  /** the library the runtime was made with: its names are what cells can use without defining them */
  library: Record<string, unknown>;
  /** the tfjs backend in use, once a cell has used tfjs */
  backend(): string | undefined;
}

export function runtimeKernel(runtime: NotebookRuntime, { library, backend }: RuntimeKernelOptions): Kernel {
  const listeners = new Set<KernelListener>();
  const names = [...new Set([...Object.keys(library), ...CELL_NAMES])].sort();
  let lastBackend: string | undefined;

  const cellMessage = (report: CellReport, event: CellEvent): KernelMessage => {
    const compiled = runtime.compiled(report.id);
    const work = report.status === "running" ? runtime.workClock(report.id) : undefined;
    return { type: "cell", event, report, outline: compiled && outlineOf(compiled), ...(work && { work }) };
  };
  const post = (message: KernelMessage) => {
    for (const listener of listeners) listener(message);
  };
  runtime.subscribe((report, event) => {
    post(cellMessage(report, event));
    // tfjs loads, and a training picks its backend, while some cell runs: look after each event.
    const now = backend();
    if (now !== undefined && now !== lastBackend) post({ type: "backend", backend: (lastBackend = now) });
  });

  return {
    send(command: KernelCommand) {
      switch (command.type) {
        case "load":
          return runtime.setCells(command.cells);
        case "define":
          return runtime.define(command.cell, command.rerun);
        case "delete":
          return runtime.delete(command.id);
        case "stop":
          return void runtime.stop(command.id);
        case "dispose":
          runtime.dispose();
          return listeners.clear();
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      listener({ type: "library", names });
      if (lastBackend !== undefined) listener({ type: "backend", backend: lastBackend });
      if (!runtime.disposed) for (const report of runtime.reports()) listener(cellMessage(report, report.status));
      return () => listeners.delete(listener);
    },
    value: (name) => runtime.value(name)
  };
}

const outlines = new WeakMap<CompiledCell, CellOutline>();

/** What a page needs of a compiled cell (made once per compile). */
export function outlineOf(compiled: CompiledCell): CellOutline {
  let outline = outlines.get(compiled);
  if (!outline) {
    const { id, inputs, autodisplay, outputs, output } = compiled;
    outlines.set(compiled, (outline = { id, defines: definedNames(compiled), inputs, autodisplay, outputs, output }));
  }
  return outline;
}
