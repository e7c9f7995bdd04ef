// Where a benchmark ran: the table is only comparable with tables from the same machine.
import { cpus, totalmem, loadavg } from "node:os";

export function describeMachine(): string {
  const cores = cpus();
  const model = cores[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  return `${cores.length} × ${model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}-${process.arch}`;
}

/** The 1-minute load average per core: above ~1 other work shares the cores and timings wobble. */
export function loadPerCore(): number {
  return loadavg()[0] / Math.max(1, cpus().length);
}
