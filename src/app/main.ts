// The app's entry: the notebook list at "/", a notebook at "/?notebook=PATH".
import "@fontsource-variable/inter";
import "@fontsource-variable/source-serif-4";
import "@fontsource-variable/spline-sans-mono";
import "@observablehq/notebook-kit/index.css";
import "@observablehq/notebook-kit/theme-air.css";
import "./styles/app.css";
import "./styles/cell.css";
import { showNotebookList } from "./notebook-list.ts";
import { openNotebookPage } from "./notebook-page.ts";

const root = document.getElementById("app")!;
const path = new URLSearchParams(location.search).get("notebook");
(path ? openNotebookPage(root, path) : showNotebookList(root)).finally(() => root.removeAttribute("aria-busy"));
