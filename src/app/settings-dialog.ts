// The settings dialog: the app's settings for this browser. A native modal <dialog>, so focus
// stays inside it and Escape cancels, as people expect of a dialog.
import { h } from "./dom.ts";
import { MOST_LOOP_BUDGET_SECONDS, parseLoopBudget } from "../runtime/loop-budget.ts";
import type { AppSettings } from "./settings.ts";

export interface SettingsDialogOptions {
  current: AppSettings;
  /** called with the new settings when the person saves a change (not on cancel, nor when nothing changed) */
  onSave(settings: AppSettings): void;
}

/** Opens the dialog over `parent`; it removes itself when closed. */
export function openSettingsDialog(parent: HTMLElement, { current, onSave }: SettingsDialogOptions): HTMLDialogElement {
  const input = h("input", {
    type: "number",
    min: "0",
    max: String(MOST_LOOP_BUDGET_SECONDS),
    step: "any",
    value: String(current.loopBudgetSeconds),
    name: "loop-budget",
    "aria-describedby": "loop-budget-help loop-budget-error"
  });
  const error = h("p", { class: "message error", id: "loop-budget-error", role: "alert" });
  const save = h("button", { type: "submit", class: "primary" }, "Save");
  const cancel = h("button", { type: "button", onclick: () => dialog.close() }, "Cancel");
  const check = () => {
    const parsed = parseLoopBudget(input.value);
    error.textContent = "error" in parsed ? parsed.error : "";
    save.disabled = "error" in parsed;
    return parsed;
  };
  input.addEventListener("input", check);
  const form = h(
    "form",
    { method: "dialog", class: "settings-form" },
    h("h2", {}, "Settings"),
    h("label", { class: "setting" }, "Stop a cell after ", input, " seconds without yielding"),
    h(
      "p",
      { class: "help", id: "loop-budget-help" },
      "A cell stuck in a loop is stopped with an error in that cell; the rest of the notebook keeps running. ",
      "Work that awaits (a training) is never stopped. 0 never stops a cell. Saving a change restarts this notebook."
    ),
    error,
    h("div", { class: "dialog-actions" }, cancel, save)
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const parsed = check();
    if ("error" in parsed) return;
    dialog.close();
    if (parsed.seconds !== current.loopBudgetSeconds) onSave({ ...current, loopBudgetSeconds: parsed.seconds });
  });
  const dialog = h("dialog", { class: "settings-dialog", "aria-label": "Settings" }, form);
  dialog.addEventListener("close", () => dialog.remove());
  parent.append(dialog);
  dialog.showModal();
  input.select();
  return dialog;
}
