import { describe, expect, it } from "vitest";
import { checkRequestPath, writeRefusal } from "../../src/server/paths.ts";

const refused = (raw: string) => {
  const check = checkRequestPath(raw);
  return check.ok ? `accepted as ${check.path}` : check.reason;
};

describe("checking a path from a request URL", () => {
  it("accepts plain relative paths and decodes them once", () => {
    expect(checkRequestPath("spiral.html")).toEqual({ ok: true, path: "spiral.html" });
    expect(checkRequestPath("data/iris%20flowers.csv")).toEqual({ ok: true, path: "data/iris flowers.csv" });
    expect(checkRequestPath("models/digits/model.json")).toEqual({ ok: true, path: "models/digits/model.json" });
    expect(checkRequestPath("%C3%A9t%C3%A9.html")).toEqual({ ok: true, path: "été.html" });
    expect(checkRequestPath("100%25.csv")).toEqual({ ok: true, path: "100%.csv" });
    expect(checkRequestPath("...html")).toEqual({ ok: true, path: "...html" });
  });

  it.each([
    ["..", /"\.\." is not allowed/],
    ["../secret.html", /"\.\." is not allowed/],
    ["sub/../../secret.html", /"\.\." is not allowed/],
    ["sub/..", /"\.\." is not allowed/],
    ["./spiral.html", /"\." is not allowed/],
    ["%2e%2e/secret.html", /"\.\." is not allowed/],
    ["%2E%2E/secret.html", /"\.\." is not allowed/],
    [".%2e/secret.html", /"\.\." is not allowed/],
    ["%2e./secret.html", /"\.\." is not allowed/],
    ["sub/%2e%2e/%2e%2e/secret.html", /"\.\." is not allowed/]
  ])("refuses the dot segment in %s", (raw, reason) => {
    expect(refused(raw)).toMatch(reason);
  });

  it.each([
    ["..%2fsecret.html", /encoded slashes/],
    ["%2e%2e%2fsecret.html", /encoded slashes/],
    ["%2Fetc%2Fpasswd", /encoded slashes/],
    ["..%5csecret.html", /backslashes/],
    ["..\\secret.html", /backslashes/],
    ["\\etc\\passwd", /backslashes/],
    ["%252e%252e/secret.html", /encoded twice/],
    ["..%252fsecret.html", /encoded twice/],
    ["%252e%252e%252fsecret.html", /encoded twice/],
    ["%25252e%25252e/secret.html", /encoded twice/],
    ["spiral.html%00.csv", /NUL/],
    ["spiral.html\0.csv", /NUL/],
    ["%c0%ae%c0%ae/secret.html", /not valid percent-encoded UTF-8/],
    ["..%c0%afsecret.html", /not valid percent-encoded UTF-8/],
    ["%e0%80%ae%e0%80%ae/secret.html", /not valid percent-encoded UTF-8/],
    ["%zz.html", /not valid percent-encoded UTF-8/],
    ["/etc/passwd", /absolute paths/],
    ["//etc/passwd", /absolute paths/],
    ["C:/Windows/win.ini", /drive letters/],
    ["c:secret.html", /drive letters/],
    ["sub//spiral.html", /empty path segments/],
    ["sub/", /empty path segments/],
    ["spiral%0a.html", /control characters/],
    ["", /no file path/],
    ["a/".repeat(600) + "b.html", /longer than 1024/]
  ])("refuses %j", (raw, reason) => {
    expect(refused(raw)).toMatch(reason);
  });
});

describe("which files may be written", () => {
  it.each(["spiral.html", "sub/deeper/notes.HTML", "data/iris.csv", "data/table.tsv", "config.json", "models/digits/model.json", "models/digits/group1-shard1of1.bin"])(
    "writes %s",
    (path) => {
      expect(writeRefusal(path)).toBeUndefined();
    }
  );

  it.each([
    ["script.js", /only notebooks \(\.html\) and the data and model files beside them \(\.csv, \.tsv, \.json, \.bin\)/],
    ["run.sh", /only notebooks/],
    ["README", /only notebooks/],
    ["notes.txt", /only notebooks/],
    ["spiral.html.bak", /only notebooks/],
    [".env.json", /hidden files/],
    ["sub/.git/config.json", /hidden files/],
    [".spiral.html.exemplar-1-ab.tmp", /hidden files/],
    ["node_modules/pkg/package.json", /node_modules/]
  ])("refuses to write %s", (path, reason) => {
    expect(writeRefusal(path)).toMatch(reason);
  });
});
