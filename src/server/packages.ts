// Packages a cell imports (`import … from "npm:pkg"` or `"pkg"`), served to the page from the
// installed copies through Vite. When the server starts, every package the notebooks under the
// root import joins the dependencies Vite pre-bundles. The page asks `/@exemplar/resolve?specifier=pkg`
// first: a bundled package answers with the address of a small module that re-exports it; a
// missing one with the `npm install` that adds it. A package first imported after the start asks
// for a restart: Vite would otherwise re-bundle every dependency (half a minute) and reload the page.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";
import { isLocalSpecifier, moduleImportsOf, packageSpecifierOf } from "../runtime/local-modules.ts";

const RESOLVE_PATH = "/@exemplar/resolve";
const MODULE_PREFIX = "/@exemplar/package/";
const VIRTUAL_PREFIX = "\0exemplar-package:";

export interface PackageAnswer {
  /** the address to import the package from */
  url?: string;
  error?: string;
}

/** "npm:@scope/name@1/sub" → {name: "@scope/name", specifier: "@scope/name/sub"} (the version dropped: the installed one is used) */
export function parsePackageSpecifier(specifier: string): { name: string; specifier: string } | undefined {
  const bare = specifier.replace(/^npm:/, "");
  const parts = bare.split("/");
  const nameParts = bare.startsWith("@") ? parts.splice(0, 2) : parts.splice(0, 1);
  const last = nameParts.length - 1;
  if (last < 0 || !nameParts[last]) return undefined;
  const at = nameParts[last].indexOf("@", 1);
  if (at > 0) nameParts[last] = nameParts[last].slice(0, at);
  const name = nameParts.join("/");
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name) || parts.some((part) => part === ".." || part === "")) return undefined;
  return { name, specifier: [name, ...parts].join("/") };
}

export function notInstalledMessage(name: string): string {
  return `package "${name}" is not installed: add it with npm install ${name}`;
}

export function notebookPackages({ projectRoot, notebookRoot }: { projectRoot: string; notebookRoot: () => string | undefined }): Plugin {
  const installed = (name: string) => existsSync(join(projectRoot, "node_modules", name, "package.json"));
  return {
    name: "exemplar:notebook-packages",
    config() {
      const root = notebookRoot();
      const include = root ? importedPackages(root).filter((specifier) => installed(parsePackageSpecifier(specifier)!.name)) : [];
      return include.length ? { optimizeDeps: { include } } : undefined;
    },
    configureServer(server) {
      const importer = join(projectRoot, "src/app/index.html");
      server.middlewares.use(RESOLVE_PATH, async (request, response) => {
        const requested = new URL(request.url ?? "", "http://localhost").searchParams.get("specifier") ?? "";
        const client = server.environments.client;
        const bundled = (specifier: string) => {
          const metadata = client.depsOptimizer?.metadata;
          return !metadata || !!(metadata.optimized[specifier] ?? metadata.discovered[specifier]);
        };
        const answer = await resolvePackage(requested, {
          installed,
          // as the dependency scanner resolves: a plain resolve would make Vite bundle the package now
          resolves: async (specifier) => !!(await client.pluginContainer.resolveId(specifier, importer, { scan: true } as Parameters<typeof client.pluginContainer.resolveId>[2])),
          bundled
        });
        response.statusCode = answer.url ? 200 : 404;
        response.setHeader("Content-Type", "application/json");
        response.end(JSON.stringify(answer));
      });
    },
    resolveId(id) {
      if (id.startsWith(MODULE_PREFIX)) return VIRTUAL_PREFIX + decodeURIComponent(id.slice(MODULE_PREFIX.length));
    },
    load(id) {
      if (!id.startsWith(VIRTUAL_PREFIX)) return;
      const specifier = JSON.stringify(id.slice(VIRTUAL_PREFIX.length));
      return `import * as namespace from ${specifier};\nexport default namespace;\n`;
    }
  };
}

interface PackageChecks {
  installed: (name: string) => boolean;
  resolves: (specifier: string) => Promise<boolean>;
  /** whether Vite pre-bundled it (or is doing so), so importing it makes Vite re-bundle nothing */
  bundled: (specifier: string) => boolean;
}

export async function resolvePackage(requested: string, { installed, resolves, bundled }: PackageChecks): Promise<PackageAnswer> {
  const parsed = parsePackageSpecifier(requested);
  if (!parsed) return { error: `"${requested}" is not a package name` };
  if (!installed(parsed.name)) return { error: notInstalledMessage(parsed.name) };
  if (!(await resolves(parsed.specifier))) return { error: `package "${parsed.name}" is installed but has no module "${parsed.specifier}" for the browser` };
  if (!bundled(parsed.specifier)) {
    return { error: `"${parsed.specifier}" is installed but was not imported by any notebook when the server started: save the notebook and restart the server (npm start) to bundle it` };
  }
  return { url: MODULE_PREFIX + encodeURIComponent(parsed.specifier) };
}

// JavaScript and TypeScript cells (Markdown may quote an import without making one).
const CODE_CELL = /<script\b[^>]*\btype="(?:module|text\/x-typescript|application\/vnd\.observable\.javascript)"[^>]*>([\s\S]*?)<\/script>/g;

/** The package specifiers imported by the notebooks under `root` and the modules beside them (bare, npm: or Kit's CDN address; not files or URLs). */
export function importedPackages(root: string): string[] {
  const found = new Set<string>();
  for (const file of notebookFiles(root, /\.m?js$/)) {
    let imports: string[];
    try {
      imports = moduleImportsOf(readFileSync(file, "utf8")).map((each) => each.specifier);
    } catch {
      continue; // a module that does not parse fails when imported, with its location
    }
    for (const specifier of imports) {
      const packaged = isLocalSpecifier(specifier) ? undefined : packageSpecifierOf(specifier);
      const parsed = packaged && parsePackageSpecifier(packaged);
      if (parsed) found.add(parsed.specifier);
    }
  }
  for (const file of notebookFiles(root)) {
    const code = [...readFileSync(file, "utf8").matchAll(CODE_CELL)].map((cell) => cell[1]).join("\n");
    // Observable JavaScript's require("d3-geo@2", "d3-ease") names packages too.
    const required = [...code.matchAll(/\brequire\s*\(([^)]*)\)/g)].flatMap((call) => [...call[1].matchAll(/["']([^"'\s]+)["']/g)]);
    for (const match of [...code.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"'\s]+)["']/g), ...required]) {
      const specifier = match[1];
      if (/^(\.{0,2}\/|[a-z][\w+.-]*:\/\/)/i.test(specifier) || (/^[a-z]+:/i.test(specifier) && !specifier.startsWith("npm:"))) continue;
      const parsed = parsePackageSpecifier(specifier);
      if (parsed) found.add(parsed.specifier);
    }
  }
  return [...found].sort();
}

function notebookFiles(folder: string, extension = /\.html$/): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.name.startsWith(".") || entry.name === "node_modules") return [];
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return notebookFiles(path, extension);
    return entry.isFile() && extension.test(entry.name) ? [path] : [];
  });
}
