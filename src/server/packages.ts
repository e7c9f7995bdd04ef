// Package names and addresses: what a cell's specifier names (`npm:@scope/x@1/sub`), which version
// is installed, and where its bundle is served (package-bundles.ts builds it).
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where a package's bundle is served: /npm/<name>@<version>.js, or …@<version>/<subpath>.js. */
export const BUNDLE_PREFIX = "/npm/";

/** "npm:@scope/name@1/sub" → {name: "@scope/name", specifier: "@scope/name/sub"} (the version dropped: the installed one is used) */
export function parsePackageSpecifier(specifier: string): { name: string; specifier: string; subpath: string } | undefined {
  const bare = specifier.replace(/^npm:/, "");
  const parts = bare.split("/");
  const nameParts = bare.startsWith("@") ? parts.splice(0, 2) : parts.splice(0, 1);
  const last = nameParts.length - 1;
  if (last < 0 || !nameParts[last]) return undefined;
  const at = nameParts[last].indexOf("@", 1);
  if (at > 0) nameParts[last] = nameParts[last].slice(0, at);
  const name = nameParts.join("/");
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name) || parts.some((part) => part === ".." || part === "." || part === "")) return undefined;
  return { name, specifier: [name, ...parts].join("/"), subpath: parts.join("/") };
}

export function notInstalledMessage(name: string): string {
  return `package "${name}" is not installed: add it with npm install ${name}`;
}

/** The version of `name` installed for the project, or undefined when it is not installed. */
export function installedVersion(name: string, projectRoot: string): string | undefined {
  try {
    const version = (JSON.parse(readFileSync(join(projectRoot, "node_modules", name, "package.json"), "utf8")) as { version?: unknown }).version;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

export function bundleUrl(name: string, version: string, subpath: string): string {
  return `${BUNDLE_PREFIX}${name}@${version}${subpath ? `/${subpath}` : ""}.js`;
}

/** "@scope/x@1.2.3/sub.js" (the path after /npm/) → its parts, or undefined for any other shape. */
export function parseBundlePath(rest: string): { name: string; version: string; subpath: string } | undefined {
  const match = /^((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)@(\d[\w.+-]*)(?:\/((?:[\w.-]+\/)*[\w.-]+))?\.js$/i.exec(rest);
  if (!match || (match[3] ?? "").split("/").some((part) => part === "." || part === "..")) return undefined;
  return { name: match[1], version: match[2], subpath: match[3] ?? "" };
}
