import { describe, expect, it } from "vitest";
import { allowedHosts, hostRefusal, originRefusal } from "../../src/server/request-guards.ts";

const policy = { hosts: allowedHosts("127.0.0.1"), port: 5173 };

describe("the Host a request is addressed to", () => {
  it.each(["127.0.0.1:5173", "localhost:5173", "LocalHost:5173", "[::1]:5173"])("accepts %s, a loopback name on the server's port", (host) => {
    expect(hostRefusal(host, policy)).toBeUndefined();
  });

  it.each([
    ["evil.example:5173", /not this server/],
    ["127.0.0.1.nip.io:5173", /not this server/],
    ["192.168.1.20:5173", /not this server/],
    ["0.0.0.0:5173", /not this server/],
    ["localhost.:5173", /not this server/],
    ["127.0.0.1:8080", /names port 8080, but this server listens on 5173/],
    ["127.0.0.1", /names port 80/],
    ["evil.example@127.0.0.1:5173", /not a host name/],
    ["127.0.0.1:5173/x", /not a host name/],
    ["127.0.0.1:5173 ", /not a host name/],
    ["", /no Host header/]
  ])("refuses %j", (host, reason) => {
    expect(hostRefusal(host, policy)).toMatch(reason);
  });

  it("accepts the configured host and extra names, and adds nothing for a wildcard bind address", () => {
    expect(allowedHosts("notebooks.lan", ["exemplar.test"])).toEqual(["127.0.0.1", "localhost", "[::1]", "exemplar.test", "notebooks.lan"]);
    expect(allowedHosts("::1")).toEqual(["127.0.0.1", "localhost", "[::1]"]);
    expect(allowedHosts("0.0.0.0")).toEqual(["127.0.0.1", "localhost", "[::1]"]);
    expect(allowedHosts(true)).toEqual(["127.0.0.1", "localhost", "[::1]"]);
    expect(hostRefusal("notebooks.lan:5173", { hosts: allowedHosts("notebooks.lan"), port: 5173 })).toBeUndefined();
  });
});

describe("the Origin of a request", () => {
  it("accepts no Origin and the app's own origins", () => {
    expect(originRefusal(undefined, policy)).toBeUndefined();
    expect(originRefusal("http://127.0.0.1:5173", policy)).toBeUndefined();
    expect(originRefusal("http://localhost:5173", policy)).toBeUndefined();
  });

  it.each([
    "http://evil.example:5173",
    "http://127.0.0.1:5174",
    "http://localhost",
    "null",
    "file://",
    "http://127.0.0.1:5173/path",
    "http://user@127.0.0.1:5173",
    "chrome-extension://abc"
  ])("refuses %j", (origin) => {
    expect(originRefusal(origin, policy)).toMatch(/is not a page of this server/);
  });
});
