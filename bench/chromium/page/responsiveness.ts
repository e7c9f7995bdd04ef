// Responsiveness while training in the page: every main-thread task over 50 ms (the `longtask`
// observer) and the longest gap between animation frames, during one training to its end.
import * as tf from "@tensorflow/tfjs";
import { tinyNet } from "../../lib/nets.ts";
import { fitToEnd, trainToEnd } from "../../lib/trainings.ts";

export interface Responsiveness {
  ms: number;
  /** durations of the tasks over 50 ms */
  longTasks: number[];
  /** the longest time between two animation frames */
  longestFrameMs: number;
}

export async function responsiveness(how: "train" | "fit", backend: string): Promise<Responsiveness> {
  await tf.setBackend(backend);
  const net = { ...tinyNet(false), epochs: 10 };
  const template = net.build();
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
  observer.observe({ type: "longtask" });
  let longestFrameMs = 0;
  let last = performance.now();
  let watching = true;
  const frame = (now: number) => {
    longestFrameMs = Math.max(longestFrameMs, now - last);
    last = now;
    if (watching) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const started = performance.now();
  await (how === "train" ? trainToEnd(net, template) : fitToEnd(net));
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 100)); // the observer reports a little late
  watching = false;
  observer.disconnect();
  template.dispose();
  return { ms, longTasks, longestFrameMs };
}
