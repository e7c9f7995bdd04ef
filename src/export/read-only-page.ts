// A notebook exported by `exemplar build`, read-only: every cell runs in the reader's browser on
// the same kernel and with the same outputs as in the app, with no editor and no file API. Code
// is folded under each output; trained weights come from the export's cache, and a training cell
// says whether its weights came from there or were trained here.
import type { Cell } from "@observablehq/notebook-kit";
import { createBrowserKernel } from "../../kernels/browser/kernel.ts";
import { h } from "../app/dom.ts";
import { OutputView } from "../app/output-view.ts";
import { pageDom } from "../app/page-dom.ts";
import { parseNotebook } from "../notebook/format.ts";
import type { CellOutline } from "../runtime/kernel.ts";
import { KernelReports } from "../runtime/kernel-reports.ts";
import type { CellReport } from "../runtime/notebook-runtime.ts";
import { FileNotFoundError, readOnly, type ServedFiles } from "../notebook/notebook-files.ts";
import { exportedCache } from "./exported-cache.ts";
import { createReadOnlyWidgetHost } from "./read-only-host.ts";
import { createValueRenderer } from "../widgets/render.ts";
import type { ValueRenderer } from "../widgets/widget.ts";
import { cacheKey, exportedFileUrl, MANIFEST, NOTEBOOK, SAMPLE_DATASETS_FOLDER, type CachedRequest, type ExportManifest } from "./manifest.ts";

export async function showExportedNotebook(root: HTMLElement, base: URL = new URL(".", location.href)): Promise<void> {
  const [manifest, text] = await Promise.all([
    fetchOk(new URL(MANIFEST, base)).then((response) => response.json() as Promise<ExportManifest>),
    fetchOk(new URL(NOTEBOOK, base)).then((response) => response.text())
  ]);
  const { notebook } = parseNotebook(text, manifest.source, pageDom());
  document.title = notebook.title;
  // Widgets read the cells' values, which exist once the kernel (made below) runs them.
  let reports: KernelReports | undefined = undefined;
  const renderValue = createValueRenderer(createReadOnlyWidgetHost(manifest.source, notebook.cells, (id) => reports?.report(id)?.value));
  const views = new Map(notebook.cells.map((cell) => [cell.id, new ExportedCell(cell, renderValue)]));
  const main = h("main", { class: "notebook" }, [...views.values()].map((view) => view.element));
  const showCode = h("button", { type: "button", "aria-pressed": "false", onclick: () => toggleCode(main, showCode) }, "Show code");
  root.replaceChildren(
    h("header", { class: "export-bar" }, h("span", { class: "export-title" }, notebook.title), h("span", { class: "export-about" }, `read-only · ${manifest.source}`), showCode),
    main,
    h("footer", { class: "export-footer" }, `Exported with Exemplar on ${new Date(manifest.built).toLocaleDateString()}. Every cell runs in your browser; nothing is saved.`)
  );
  const kernel = createBrowserKernel({
    notebookPath: manifest.source,
    files: exportedFiles(base),
    column: () => main,
    teach: async () => ({ cache: exportedCache(base, manifest.trainings) }),
    // SQL results and loader outputs as the build's headless run left them (no server here).
    runQuery: async ({ database, strings, params }) => {
      const path = exportedCachePath(manifest, { kind: "sql", database, strings, params: JSON.parse(JSON.stringify(params)) });
      return (await fetch(exportedFileUrl(path, base))).json();
    },
    runLoader: async ({ mode, format, source }) => exportedCachePath(manifest, { kind: "loader", mode, format, source }),
    // Kit's sample datasets the cells name, copied by the build.
    readSampleDataset: (file) => fetchOk(new URL(SAMPLE_DATASETS_FOLDER + file, base))
  });
  const known = (reports = new KernelReports(kernel));
  // Reports come per generator value (a training sends many): render each cell once per frame.
  const changed = new Set<number>();
  let frame: number | undefined;
  known.subscribe((report, event) => {
    if (event === "displayed") return views.get(report.id)?.render(report, known.outline(report.id));
    // A node a cell returns is in the document before its readers run, as in Kit (and the app).
    if (event === "fulfilled" && report.value instanceof Node) return views.get(report.id)?.render(report, known.outline(report.id));
    changed.add(report.id);
    frame ??= requestAnimationFrame(() => {
      frame = undefined;
      for (const id of changed) views.get(id)?.render(known.report(id), known.outline(id));
      changed.clear();
    });
  });
  addEventListener("pagehide", () => kernel.send({ type: "dispose" }));
  kernel.send({ type: "load", cells: notebook.cells });
}

/** Where the export holds the cached result of a query or loader, or why it has none. */
function exportedCachePath(manifest: ExportManifest, request: CachedRequest): string {
  const path = manifest.cached?.[cacheKey(request)];
  if (!path) throw new Error(`this export holds no result for this ${request.kind === "sql" ? "query" : "data loader"}: the build's run did not reach it (it depends on an input); run the notebook in the app`);
  return path;
}

class ExportedCell {
  readonly element: HTMLElement;
  private readonly output: OutputView;
  private readonly note = h("p", { class: "training-note", hidden: true });

  constructor(
    private readonly cell: Cell,
    renderValue: ValueRenderer
  ) {
    const outputElement = h("div", { class: "cell-output", "data-cell-output": true });
    this.output = new OutputView(outputElement, renderValue);
    const code = cell.mode === "md" ? undefined : h("details", { class: "cell-code" }, h("summary", {}, "Code"), h("pre", {}, h("code", {}, cell.value)));
    this.element = h("section", { class: "cell", "data-cell-id": cell.id, "data-mode": cell.mode, "data-status": "pending" }, outputElement, this.note, code);
  }

  render(report: CellReport | undefined, outline: CellOutline | undefined): void {
    if (!report) return;
    this.element.dataset.status = report.status;
    // A cell computing its own value shows what it displayed so far (as the app's "running" does).
    this.output.render(report, this.cell, outline, report.status === "pending" ? "running" : report.status);
    const trainings = valuesOf(report).filter(isTraining);
    if (!trainings.length) return;
    const cached = trainings.every((training) => training.cached);
    this.element.dataset.training = cached ? "cached" : "trained";
    this.note.hidden = false;
    this.note.textContent = cached ? "Trained weights from this export: nothing was retrained in your browser." : `Training in your browser (epoch ${trainings[0].epoch} of ${trainings[0].epochs}): this training was not in the export.`;
  }
}

interface TrainingLike {
  cached: boolean;
  epoch: number;
  epochs: number;
}

function isTraining(value: unknown): value is TrainingLike {
  return !!value && typeof value === "object" && typeof (value as TrainingLike).cached === "boolean" && "run" in value && "history" in value;
}

/** A cell's value and, for a cell of declarations, each declared value. */
function valuesOf(report: CellReport): unknown[] {
  const value = report.value;
  if (!value || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return [value];
  return [value, ...report.names.map((name) => (value as Record<string, unknown>)[name])];
}

function toggleCode(main: HTMLElement, button: HTMLButtonElement): void {
  const open = button.getAttribute("aria-pressed") !== "true";
  button.setAttribute("aria-pressed", String(open));
  button.textContent = open ? "Hide code" : "Show code";
  for (const details of Array.from(main.querySelectorAll("details.cell-code"))) (details as HTMLDetailsElement).open = open;
}

/** The data files copied into the export, by their path under the notebook's folder (the export's root). */
function exportedFiles(base: URL): ServedFiles {
  const url = (path: string) => exportedFileUrl(path, base);
  const read = async (path: string) => {
    const response = await fetch(url(path));
    if (response.status === 404) throw new FileNotFoundError(path, `${path}, which this export does not hold`);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response;
  };
  return readOnly({ url, read }, "this is a read-only export of the notebook");
}

async function fetchOk(url: URL): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response;
}
