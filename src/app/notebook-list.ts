// The start page: every notebook under the root (title, file, last modified) and "New notebook".
import { serializeNotebook } from "../notebook/format.ts";
import { h, relativeTime } from "./dom.ts";
import { listNotebooks, writeFile, type NotebookEntry } from "./file-api.ts";
import { notebookHref } from "./links.ts";
import { newNotebook, newNotebookPath } from "./new-notebook.ts";
import { pageDom } from "./page-dom.ts";
import { trust } from "./trust.ts";

export async function showNotebookList(root: HTMLElement): Promise<void> {
  document.title = "Exemplar — notebooks";
  const list = h("div", { class: "notebook-list" }, h("p", { class: "muted" }, "Loading notebooks…"));
  root.replaceChildren(
    h("header", { class: "app-bar" }, h("a", { class: "brand", href: "/" }, "Exemplar")),
    h("section", { class: "page" }, h("h1", {}, "Notebooks"), newNotebookForm(), list)
  );
  try {
    const notebooks = await listNotebooks();
    list.replaceChildren(notebooks.length ? notebookTable(notebooks) : h("p", { class: "muted" }, "No notebooks here yet. Create one above."));
  } catch (error) {
    list.replaceChildren(h("p", { class: "message error", role: "alert" }, String((error as Error).message)));
  }
}

function notebookTable(notebooks: NotebookEntry[]): HTMLElement {
  const rows = [...notebooks]
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((entry) => {
      const modified = new Date(entry.modified);
      return h(
        "tr",
        { "data-notebook": entry.path },
        h("td", {}, h("a", { href: notebookHref(entry.path) }, entry.title || entry.path)),
        h("td", { class: "file" }, entry.path),
        h("td", { class: "modified", title: modified.toLocaleString() }, relativeTime(modified))
      );
    });
  return h("table", { class: "notebooks" }, h("thead", {}, h("tr", {}, h("th", {}, "Title"), h("th", {}, "File"), h("th", {}, "Last modified"))), h("tbody", {}, rows));
}

function newNotebookForm(): HTMLElement {
  const input = h("input", { type: "text", name: "file", placeholder: "new-lesson.html", "aria-label": "File name of the new notebook", required: true });
  const message = h("p", { class: "message error", role: "alert", hidden: true });
  const form = h("form", { class: "new-notebook" }, input, h("button", { type: "submit", class: "primary" }, "New notebook"), message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.hidden = true;
    try {
      const path = newNotebookPath(input.value);
      const text = serializeNotebook(newNotebook(path), pageDom());
      const result = await writeFile(path, text, { create: true });
      if (!result.ok) throw new Error(`${path} already exists: pick another name, or open it from the list`);
      await trust(path, result.version);
      location.href = notebookHref(path);
    } catch (error) {
      message.textContent = (error as Error).message;
      message.hidden = false;
    }
  });
  return form;
}
