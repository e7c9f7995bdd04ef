// The static page of an exported notebook (`exemplar build`): the notebook beside it, read-only.
import "@fontsource-variable/inter";
import "@fontsource-variable/source-serif-4";
import "@fontsource-variable/spline-sans-mono";
import "@observablehq/notebook-kit/index.css";
import "@observablehq/notebook-kit/theme-air.css";
import "./site.css";
import { showExportedNotebook } from "../read-only-page.ts";

const root = document.getElementById("app")!;
showExportedNotebook(root)
  .catch((error: Error) => {
    const message = document.createElement("p");
    message.className = "export-error";
    message.setAttribute("role", "alert");
    message.textContent = `This notebook could not be shown: ${error.message}`;
    root.replaceChildren(message);
  })
  .finally(() => root.removeAttribute("aria-busy"));
