// One rule for every path a notebook names — FileAttachment("data/x.csv"), import "./helpers.js",
// teach.save("models/m") and teach.load, the data files an export copies: it is relative to the
// notebook's folder and must stay inside the root (the folder the app serves; for the command
// line `--root`, by default the notebook's own folder). `../x.csv` is fine while it stays inside.
// This is the pure part, on "/"-separated paths under the root; where a file system is at hand,
// the kernel also checks the real path (symbolic links) against the root.

/** A path a notebook named that cannot be used: it leaves the root, or is absolute or empty. */
export class NotebookPathError extends Error {
  override name = "NotebookPathError";
  constructor(
    readonly path: string,
    message: string
  ) {
    super(message);
  }
}

/**
 * Resolves `name` against the folder of `notebookPath` (a path under the root, e.g.
 * "lessons/spiral.html") to a path under the root, e.g. "lessons/data/x.csv". `root` names the root
 * in the error for a name that leaves it.
 */
export function resolveNotebookPath(notebookPath: string, name: string, root = "the notebook root"): string {
  if (name.startsWith("/") || /^[a-z]:[\\/]/i.test(name)) {
    throw new NotebookPathError(name, `"${name}": use a path relative to the notebook, not an absolute one`);
  }
  const folder = notebookPath.split("/").slice(0, -1);
  const parts = [...folder];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.length) parts.pop();
    else {
      const from = folder.length ? `its folder ${folder.join("/")}/` : "its folder, the root itself";
      throw new NotebookPathError(name, `"${name}" leads outside ${root}: a path a notebook names is relative to ${from} and must stay inside ${root}`);
    }
  }
  if (!parts.length) {
    throw new NotebookPathError(name, `"${name}" names no file: give a path such as "data/points.csv"`);
  }
  return parts.join("/");
}

/** `file`'s folder joined with `name`, both relative (e.g. a weight file beside its model.json); resolved later. */
export function besideFile(file: string, name: string): string {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? name : `${file.slice(0, slash)}/${name}`;
}
