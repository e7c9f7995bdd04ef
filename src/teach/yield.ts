// Gives the event loop a turn (input, painting, the runtime's own scheduling) between slices of
// long work. setTimeout(0) is clamped to 4 ms when nested in browsers, so prefer setImmediate
// (Node) or a MessageChannel (pages).
let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

export function nextMacrotask(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === "function") {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    return new Promise((resolve) => {
      waiting.push(resolve);
      channel!.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
