// Messages above the notebook that ask the person to decide: restore unsaved edits, resolve a
// save conflict, accept the changes saving would make to the file, or a save that failed; and the
// area above the cells that holds them, one of each kind.
import type { NotebookProblem } from "../notebook/validate.ts";
import { h, relativeTime } from "./dom.ts";

export interface KeptDraft {
  /** the page load that kept it */
  id: string;
  at: number;
  /** the first line it changed, to tell drafts apart */
  change: string;
  /** written after the file was last changed on disk */
  newer: boolean;
  /** its edits started from another version of the file than the one on disk now */
  changedOnDisk: boolean;
  restore(): void;
  discard(): void;
}

/** Every draft kept from earlier visits (one per tab that edited the notebook), each to restore or discard. */
export function restoreBanner(drafts: KeptDraft[]): HTMLElement {
  const rows = drafts.map((draft) => {
    const when = `${new Date(draft.at).toLocaleString()} (${relativeTime(new Date(draft.at))})`;
    const notes = [draft.newer ? "newer than the file" : "older than the file", draft.changedOnDisk ? "the file has changed on disk since; restoring puts these edits over it once you save" : ""].filter(Boolean);
    const row = h(
      "li",
      { class: "kept-draft", "data-draft": draft.id },
      h("span", {}, h("strong", {}, when), ` · ${notes.join(" · ")} · `, h("code", {}, draft.change), " "),
      h("button", { type: "button", class: "primary", "aria-label": `Restore unsaved changes of ${when}`, onclick: () => draft.restore() }, "Restore"),
      " ",
      h("button", { type: "button", "aria-label": `Discard unsaved changes of ${when}`, onclick: () => (row.remove(), draft.discard()) }, "Discard")
    );
    return row;
  });
  return banner(
    "restore",
    "info",
    [h("strong", {}, drafts.length === 1 ? "Unsaved changes were kept in this browser." : `Unsaved changes were kept in this browser from ${drafts.length} visits.`), h("ul", { class: "kept-drafts" }, rows)],
    []
  );
}

export function conflictBanner(actions: { reload(): void; overwrite(): void; saveAs(path: string): void }, suggested: string): HTMLElement {
  const input = h("input", { type: "text", value: suggested, "aria-label": "New file name", class: "save-as-name" });
  const form = h("form", { class: "save-as" }, input, h("button", { type: "submit" }, "Save as new file"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    actions.saveAs(input.value);
  });
  return banner(
    "conflict",
    "error",
    [h("strong", {}, "This file changed on disk since you opened it. "), "Your edits are not saved (they are kept in this browser). Choose what to keep:"],
    [action("Reload from disk (drop my edits)", actions.reload), action("Overwrite the file with my version", actions.overwrite), form]
  );
}

export function warningsBanner(problems: NotebookProblem[], accept: () => void): HTMLElement {
  return banner(
    "warnings",
    "warning",
    [
      h("strong", {}, "Saving would change this file in ways you did not make. "),
      "Kit's format keeps only cells, so the next save would:",
      h("ul", {}, problems.map((problem) => h("li", {}, h("code", {}, `${problem.line}:${problem.column}`), " ", problem.message)))
    ],
    [action("Accept these changes and allow saving", accept, "primary")]
  );
}

export function failureBanner(message: string, dismiss: () => void): HTMLElement {
  return banner("failed", "error", [h("strong", {}, "Saving failed: "), message, " Your edits are kept in this browser."], [action("Dismiss", dismiss)]);
}

export function noticeBanner(message: string, dismiss: () => void): HTMLElement {
  return banner("notice", "info", [message], [action("OK", dismiss)]);
}

export class BannerArea {
  readonly element = h("div", { class: "banners" });

  /** shows this banner in place of any other of its kind */
  show(kind: string, banner: HTMLElement): void {
    this.remove(kind);
    this.element.append(banner);
  }

  remove(kind: string): void {
    this.element.querySelector(`[data-banner="${kind}"]`)?.remove();
  }

  /** a message that stays until dismissed, beside any others */
  notice(message: string): void {
    const shown = noticeBanner(message, () => shown.remove());
    this.element.append(shown);
  }
}

function banner(kind: string, tone: "info" | "warning" | "error", message: (Node | string)[], actions: HTMLElement[]): HTMLElement {
  return h(
    "div",
    { class: `banner banner-${tone}`, "data-banner": kind, role: tone === "info" ? "status" : "alert" },
    h("div", { class: "banner-message" }, message),
    h("div", { class: "banner-actions" }, actions)
  );
}

function action(label: string, onClick: () => void, style = ""): HTMLButtonElement {
  return h("button", { type: "button", class: style, onclick: onClick }, label);
}
