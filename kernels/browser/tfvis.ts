// tfjs-vis for cells, drawing into the cell's own output instead of the visor side panel: the
// visor (and a `{name, tab}` surface, which would open it) is refused with a message saying how.
import { loadTensorflow } from "./tensorflow.ts";

const IN_THE_CELL = 'tfjs-vis draws into the cell here, not the visor: pass an element, e.g. const chart = display(html`<div>`); tfvis.render.linechart(chart, data)';

type Namespace = Record<string, unknown>;

export async function loadTfvis(): Promise<Namespace> {
  await loadTensorflow();
  const tfvis = (await import("@tensorflow/tfjs-vis")) as unknown as Namespace;
  return {
    ...tfvis,
    render: inCell(tfvis.render as Namespace),
    show: inCell(tfvis.show as Namespace),
    visor: () => {
      throw new Error(IN_THE_CELL);
    }
  };
}

function inCell(functions: Namespace): Namespace {
  return Object.fromEntries(
    Object.entries(functions).map(([name, draw]) => [
      name,
      (container: unknown, ...rest: unknown[]) => {
        if (!(container instanceof HTMLElement)) throw new Error(`tfvis.${name}: ${IN_THE_CELL}`);
        const drawn = (draw as (...args: unknown[]) => unknown)(container, ...rest);
        // A chart whose output was replaced (the cell re-ran) before it finished drawing fails on
        // its detached element; that chart is gone anyway, so its failure is not the cell's.
        return drawn instanceof Promise ? drawn.catch((error) => (container.isConnected ? Promise.reject(error) : undefined)) : drawn;
      }
    ])
  );
}
