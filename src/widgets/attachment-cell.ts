// The cell that loads a dropped data file: `const penguins = await FileAttachment("penguins.csv").csv({typed: true});`
// Pure: a file name and the names in use in, a fresh name and the cell's source out.

const LOADERS: Record<string, string> = { csv: "csv({typed: true})", tsv: "tsv({typed: true})", json: "json()" };

/** Whether a file of this name can be dropped into a notebook (a data file the file API may write). */
export function isDataFile(name: string): boolean {
  return extensionOf(name) in LOADERS;
}

export function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase() ?? "";
}

/** A file name the file API accepts: letters, digits, dot, dash and underscore. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/-+(\.[^.]*)$/, "$1").replace(/^[.-]+/, "");
  return cleaned || `data.${extensionOf(name) || "csv"}`;
}

/** "penguins-2024.csv" → "penguins2024", not one of `taken` (suffixed 2, 3, … when it is). */
export function variableNameFor(fileName: string, taken: Iterable<string>): string {
  const words = fileName.replace(/\.[^.]*$/, "").split(/[^A-Za-z0-9]+/).filter(Boolean);
  let name = words.map((word, i) => (i ? word[0].toUpperCase() + word.slice(1) : word[0].toLowerCase() + word.slice(1))).join("") || "data";
  if (/^\d/.test(name)) name = `data${name}`;
  const used = new Set(taken);
  if (!used.has(name)) return name;
  for (let n = 2; ; n++) if (!used.has(`${name}${n}`)) return `${name}${n}`;
}

/** The next name to try when `name` exists: "points.csv" → "points-2.csv" → "points-3.csv". */
export function nextFileName(name: string, attempt: number): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)}-${attempt}${name.slice(dot)}` : `${name}-${attempt}`;
}

export function attachmentCellSource(variable: string, fileName: string): string {
  return `const ${variable} = await FileAttachment(${JSON.stringify(fileName)}).${LOADERS[extensionOf(fileName)] ?? "text()"};`;
}
