// An error the file API answers with: an HTTP status and a message that names the path.
import type { ServerResponse } from "node:http";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

/** Maps a file-system failure on `path` to a status and a message a person can act on. */
export function fileSystemError(error: unknown, path: string): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return new ApiError(404, `${path}: no such file`);
    case "EISDIR":
      return new ApiError(400, `${path}: is a folder, not a file`);
    case "ENOTDIR":
      return new ApiError(400, `${path}: a parent of this path is a file, not a folder`);
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return new ApiError(403, `${path}: the server may not access this file (${code})`);
    case "ELOOP":
      return new ApiError(400, `${path}: a symbolic link loop (or a chain of links too long to follow)`);
    case "ENAMETOOLONG":
      return new ApiError(400, `${path}: the name is too long for the file system`);
    case "ENOSPC":
    case "EDQUOT":
      return new ApiError(507, `${path}: the disk is full; nothing was changed`);
    default:
      // The system's own message names absolute paths of this machine: the client gets the code.
      console.error(`exemplar: ${path}:`, error);
      return new ApiError(500, `${path}: the server could not do this (${code ?? "internal error"})`);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...headers
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: ApiError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  // After a refused body the rest of it is not read: close instead of draining it.
  const headers = error.status === 413 ? { ...error.headers, Connection: "close" } : error.headers;
  sendJson(response, error.status, { error: error.message, ...error.extra }, headers);
}
