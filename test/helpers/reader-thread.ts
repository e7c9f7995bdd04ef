// Reads notebook files in a worker thread (read-worker.js) that is replaced when a read does not
// finish: a file that made the reader hang fails a test instead of freezing the whole run.
import { Worker } from "node:worker_threads";

/** Far beyond any honest read (a 2 MB file takes well under a second); only a hang gets here. */
export const HANG_MS = 30_000;

export type ReadReply =
  | {
      kind: "notebook";
      title: string;
      cells: { id: number; mode: string; value: string }[];
      warnings: { line: number; column: number; message: string }[];
      /** what a save would write, read back */
      reread: { cells: unknown[]; title: string; warnings: unknown[] };
    }
  | ({ kind: "file-error"; line: number; column: number } & ThrownError)
  | ({ kind: "other-error" } & ThrownError);

interface ThrownError {
  name: string;
  message: string;
  stack: string;
}

export class ReaderThread {
  private worker?: Worker;
  private ready?: Promise<void>;

  read(path: string): Promise<ReadReply> {
    if (!this.worker) {
      const worker = (this.worker = new Worker(new URL("./read-worker.js", import.meta.url)));
      this.ready = new Promise((resolve, reject) => {
        worker.once("message", () => resolve());
        worker.once("error", reject);
      });
    }
    const worker = this.worker;
    return this.ready!.then(
      () =>
        new Promise<ReadReply>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.close();
            reject(new Error(`reading ${path} did not finish in ${HANG_MS / 1000} s: a hang`));
          }, HANG_MS);
          worker.once("message", (reply: ReadReply) => {
            clearTimeout(timer);
            resolve(reply);
          });
          worker.postMessage({ path });
        })
    );
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
