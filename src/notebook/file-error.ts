// A notebook file that cannot be read as one, located as "file:line:column: reason".
export class NotebookFileError extends Error {
  override name = "NotebookFileError";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}
