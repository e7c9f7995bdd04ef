// The app's entry: the notebook list at "/", a notebook at "/?notebook=PATH".
import "@fontsource-variable/inter";
import "@fontsource-variable/source-serif-4";
import "@fontsource-variable/spline-sans-mono";
import "@observablehq/notebook-kit/index.css";
import "@observablehq/notebook-kit/theme-air.css";
import "./styles/app.css";
import "./styles/cell.css";

const root = document.getElementById("app")!;
const path = new URLSearchParams(location.search).get("notebook");
// Each page loads only its own code: the list of notebooks needs no editor, runtime or widgets.
const shown = path
  ? import("./notebook-page.ts").then(({ openNotebookPage }) => openNotebookPage(root, path))
  : import("./notebook-list.ts").then(({ showNotebookList }) => showNotebookList(root));
shown.finally(() => root.removeAttribute("aria-busy"));
