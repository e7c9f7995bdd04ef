// Who may use the server: requests addressed to it by a loopback name (or the configured host) on
// its own port, from its own pages; a web page on another site cannot reach it through DNS
// rebinding, and a request body cannot exhaust memory. A server reachable from other machines
// (--host other than loopback) also needs its token on every request, as Jupyter does: in the
// address it printed (`?token=…`, which sets a cookie for the page's later requests), the cookie,
// or an `Authorization: token …` header; then any host name may address it, since only someone
// given the token gets in.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ApiError } from "./api-error.ts";

export const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

export interface HostPolicy {
  /** host names (lower case; IPv6 in brackets) this server answers to; "any" once a token guards it */
  hosts: string[] | "any";
  /** the port the server listens on */
  port: number;
}

/** `host` as written in a Host header or URL authority: a name or [IPv6], then an optional port. */
const AUTHORITY = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;

/** Why a Host header is not this server's own, or undefined when it is. */
export function hostRefusal(host: string | undefined, policy: HostPolicy, defaultPort = 80): string | undefined {
  if (!host) return "the request has no Host header";
  const match = AUTHORITY.exec(host);
  if (!match) return `Host "${host}" is not a host name`;
  const name = match[1].toLowerCase();
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  if (policy.hosts !== "any" && !policy.hosts.includes(name)) return `Host "${host}" is not this server (expected ${policy.hosts.join(", ")})`;
  if (port !== policy.port) return `Host "${host}" names port ${port}, but this server listens on ${policy.port}`;
  return undefined;
}

/** Why an Origin header is not this server's own page, or undefined when it is (or is absent). */
export function originRefusal(origin: string | undefined, policy: HostPolicy): string | undefined {
  if (origin === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `Origin "${origin}" is not a page of this server`;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || origin !== `${url.protocol}//${url.host}`) {
    return `Origin "${origin}" is not a page of this server`;
  }
  const refusal = hostRefusal(url.host, policy, url.protocol === "https:" ? 443 : 80);
  return refusal && `Origin "${origin}" is not a page of this server`;
}

/** Host names the server answers to: the loopback names, its configured host, and any extra. */
export function allowedHosts(configuredHost: string | boolean | undefined, extra: string[] = []): string[] {
  const names = [...LOOPBACK_HOSTS, ...extra];
  // A wildcard bind address is not a name a browser would use; it adds nothing.
  if (typeof configuredHost === "string" && !["0.0.0.0", "::", ""].includes(configuredHost)) names.push(configuredHost);
  return [...new Set(names.map((name) => (name.includes(":") && !name.startsWith("[") ? `[${name}]` : name).toLowerCase()))];
}

export function guardRequest(request: IncomingMessage, policy: HostPolicy): void {
  const refusal = hostRefusal(request.headers.host, policy) ?? originRefusal(request.headers.origin, policy) ?? crossSiteRefusal(request, policy);
  if (refusal) throw new ApiError(403, `${refusal}; request refused`);
}

/** With any host name allowed, a page may still only talk to the host it was loaded from. */
function crossSiteRefusal(request: IncomingMessage, policy: HostPolicy): string | undefined {
  const origin = request.headers.origin;
  if (policy.hosts !== "any" || origin === undefined) return undefined;
  return new URL(origin).host.toLowerCase() === (request.headers.host ?? "").toLowerCase() ? undefined : `Origin "${origin}" is not a page of this server`;
}

/** The cookie a token visit sets; named by port, since cookies are shared by every port of a host. */
export function tokenCookie(port: number): string {
  return `exemplar-token-${port}`;
}

export type TokenCheck = "ok" | "ok-from-address" | "missing" | "wrong";

/** Whether the request carries `token`: in the address, the cookie or the Authorization header. */
export function checkToken(request: IncomingMessage, token: string, port: number): TokenCheck {
  const fromAddress = new URL(request.url ?? "/", "http://server").searchParams.get("token");
  if (fromAddress !== null) return same(fromAddress, token) ? "ok-from-address" : "wrong";
  const authorization = /^token\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
  const cookie = cookieValue(request.headers.cookie, tokenCookie(port));
  const given = authorization ?? cookie;
  if (given === undefined) return "missing";
  return same(given, token) ? "ok" : "wrong";
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function same(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The request body, refused with 413 as soon as it is known to be larger than `limit` bytes. */
export function readRequestBody(request: IncomingMessage, limit: number, path: string): Promise<Buffer> {
  const tooLarge = () => new ApiError(413, `${path}: the request body is larger than the limit of ${limit} bytes; nothing was saved`);
  const declared = Number(request.headers["content-length"]);
  if (declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off("data", onData);
        request.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", (error) => reject(new ApiError(400, `${path}: the request body could not be read (${error.message})`)));
    request.on("close", () => {
      if (!request.complete) reject(new ApiError(400, `${path}: the request was cut off before its body arrived; nothing was saved`));
    });
  });
}
