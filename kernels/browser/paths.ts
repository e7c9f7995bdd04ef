// Names relative to a notebook ("data.csv", "./x.js", "../shared/y.csv") as paths under the root.

/** Resolves `name` against the folder of `notebookPath`; throws for a name that leaves the root. */
export function resolveNotebookPath(notebookPath: string, name: string): string {
  if (name.startsWith("/")) throw new Error(`"${name}": use a path relative to the notebook, not an absolute one`);
  const parts = notebookPath.split("/").slice(0, -1);
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (!parts.length) throw new Error(`"${name}" leaves the notebook folder's root`);
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
