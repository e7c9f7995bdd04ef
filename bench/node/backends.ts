// tfjs for the Node benchmarks: the kernel's own loader (wasm, cpu, and webgpu when the optional
// package finds a GPU), and switching between them between cases. Every case builds its model and
// data after switching, so no tensor crosses backends while being timed.
import type * as tfType from "@tensorflow/tfjs";
import { loadNodeTensorflow, type NodeBackend } from "../../kernels/node/tensorflow.ts";

export interface BenchTensorflow {
  tf: typeof tfType;
  ready: NodeBackend[];
  notes: string[];
}

export async function benchTensorflow(): Promise<BenchTensorflow> {
  return loadNodeTensorflow();
}

export async function useBackend(tf: typeof tfType, name: string): Promise<void> {
  if (tf.getBackend() !== name && !(await tf.setBackend(name))) throw new Error(`backend ${name} did not start`);
}
