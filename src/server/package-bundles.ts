// Packages a notebook imports that the page's library does not hold (`import … from "npm:x"` or
// `"x"`), served as ES modules bundled by esbuild from the installed copy, once per version. The
// page asks `GET /api/packages/resolve?specifier=x` first: an installed package answers with the
// address of its bundle, made then if it is not cached yet (so one that cannot be bundled says why
// in the cell), a missing one with the `npm install` that adds it; nothing needs a restart. The
// bundle is cached under node_modules/.cache/exemplar/packages/<name>@<version>/ and its address
// names the version, so a browser may keep it for good. The shared packages (tfjs, d3, …; see
// shared-packages.ts) are left out of each bundle and come through the page's import map, so a
// package built on tfjs uses the page's one instance.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ApiError } from "./api-error.ts";
import { projectRoot } from "./app-build.ts";
import { bundleUrl, installedVersion, notInstalledMessage, parsePackageSpecifier } from "./packages.ts";

export const RESOLVE_PATH = "/api/packages/resolve";

export interface PackageAnswer {
  /** the address to import the package from */
  url?: string;
  error?: string;
}

export interface PackageBundles {
  /** the bundle's JavaScript; refuses a version that is not the installed one */
  bundle(name: string, version: string, subpath: string): Promise<Buffer>;
}

export function packageBundles({ external, cacheFolder = join(projectRoot, "node_modules/.cache/exemplar/packages"), packagesRoot = projectRoot }: { external: readonly string[]; cacheFolder?: string; packagesRoot?: string }): PackageBundles {
  const building = new Map<string, Promise<Buffer>>();
  // Bundles made with different externals differ; each set has its own folder.
  const flavour = external.length ? "shared" : "whole";
  return {
    async bundle(name, version, subpath) {
      const installed = installedVersion(name, packagesRoot);
      if (installed === undefined) throw new ApiError(404, `package "${name}" is not installed`);
      if (installed !== version) throw new ApiError(404, `package "${name}" is installed at version ${installed}, not ${version}`);
      const specifier = subpath ? `${name}/${subpath}` : name;
      const file = join(cacheFolder, flavour, `${name}@${version}`, `${subpath ? subpath.replace(/\//g, "__") : "index"}.js`);
      let pending = building.get(file);
      if (!pending) {
        pending = readFile(file).catch(() => buildBundle(specifier, file, external, packagesRoot));
        building.set(file, pending);
        pending.catch(() => building.delete(file));
      }
      return pending;
    }
  };
}

async function buildBundle(specifier: string, file: string, external: readonly string[], packagesRoot: string): Promise<Buffer> {
  const { build } = await import("esbuild");
  let output;
  try {
    output = await build({
      entryPoints: [specifier],
      absWorkingDir: packagesRoot,
      bundle: true,
      format: "esm",
      platform: "browser",
      minify: true,
      write: false,
      logLevel: "silent",
      external: external.flatMap((name) => [name, `${name}/*`]),
      // Stylesheets a package imports for itself are not modules; a page that wants them links them.
      loader: { ".css": "empty" },
      define: { "process.env.NODE_ENV": '"production"' }
    });
  } catch (error) {
    const first = (error as { errors?: { text: string }[] }).errors?.[0]?.text ?? (error as Error).message;
    throw new ApiError(500, `"${specifier}" could not be bundled for the browser: ${first}`);
  }
  const bytes = Buffer.from(output.outputFiles[0].contents);
  await mkdir(join(file, ".."), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file).catch(() => rm(temporary, { force: true }));
  return bytes;
}


/** The answer to the page's question "where is this package?" */
export async function resolvePackage(requested: string, { projectRoot: root = projectRoot, bundles }: { projectRoot?: string; bundles: PackageBundles }): Promise<PackageAnswer> {
  const parsed = parsePackageSpecifier(requested);
  if (!parsed) return { error: `"${requested}" is not a package name` };
  const version = installedVersion(parsed.name, root);
  if (version === undefined) return { error: notInstalledMessage(parsed.name) };
  try {
    await bundles.bundle(parsed.name, version, parsed.subpath);
  } catch (error) {
    return { error: (error as Error).message };
  }
  return { url: bundleUrl(parsed.name, version, parsed.subpath) };
}
