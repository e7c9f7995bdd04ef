// Package specifiers as authors write them and as Kit rewrites them, back to the installed package:
// a version is dropped (the installed one is used), and Kit's CDN address names its package.

export const CDN_NPM_PREFIX = "https://cdn.jsdelivr.net/npm/";
// Paths Kit appends to some packages on the CDN; locally the package's own entry is right.
const CDN_DEFAULT_PATHS = ["/dist/mermaid.esm.min.mjs", "/dist/echarts.esm.min.js", "/jquery-ui.js", "/dist.min.js", "/client"];

/** "https://cdn.jsdelivr.net/npm/@scope/name@1/sub/+esm" → "@scope/name/sub" */
export function npmSpecifierOf(url: string): string {
  const rest = url.slice(CDN_NPM_PREFIX.length);
  const parts = rest.split("/");
  const nameParts = rest.startsWith("@") ? parts.splice(0, 2) : parts.splice(0, 1);
  const last = nameParts.length - 1;
  const at = nameParts[last].indexOf("@", 1);
  if (at > 0) nameParts[last] = nameParts[last].slice(0, at);
  let path = parts.length ? `/${parts.join("/")}` : "";
  path = path.replace(/\/\+esm$/, "");
  if (CDN_DEFAULT_PATHS.includes(path)) path = "";
  return nameParts.join("/") + path;
}

/** "d3-geo@2" → "d3-geo", "@scope/name@1/sub" → "@scope/name/sub" */
export function withoutVersion(name: string): string {
  const at = name.indexOf("@", name.startsWith("@") ? 1 : 0);
  if (at < 0) return name;
  const slash = name.indexOf("/", at);
  return name.slice(0, at) + (slash < 0 ? "" : name.slice(slash));
}
