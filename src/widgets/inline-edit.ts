// A table cell that turns into a text field when clicked: Enter (or leaving it) commits, Escape
// cancels. Only a changed text is committed, so tabbing through cells edits nothing.
import { h } from "./dom.ts";

export interface InlineEditOptions {
  /** the text the field starts with */
  text: string;
  /** what the cell shows when not editing (default: the text) */
  display?: Node | string;
  /** suggestions (a datalist), e.g. the labels in use */
  suggestions?: string[];
  label: string;
  commit(text: string): void;
}

export function inlineEdit(cell: HTMLElement, options: InlineEditOptions): void {
  const show = () => {
    const button = h("button", { type: "button", class: "cell-edit", title: `Edit ${options.label}`, "aria-label": `Edit ${options.label}` }, options.display ?? options.text);
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      edit();
    });
    cell.replaceChildren(button);
  };
  const edit = () => {
    const listId = options.suggestions?.length ? `suggest-${Math.random().toString(36).slice(2)}` : undefined;
    const field = h("input", { type: "text", class: "cell-field", value: options.text, "aria-label": options.label, list: listId });
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      done = true;
      const text = field.value;
      show();
      if (commit && text !== options.text) options.commit(text);
    };
    field.addEventListener("keydown", (event) => {
      event.stopPropagation();
      if (event.key === "Enter") finish(true);
      else if (event.key === "Escape") finish(false);
    });
    field.addEventListener("blur", () => finish(true));
    field.addEventListener("click", (event) => event.stopPropagation());
    const list = listId ? h("datalist", { id: listId }, options.suggestions!.map((suggestion) => h("option", { value: suggestion }))) : null;
    cell.replaceChildren(field, ...(list ? [list] : []));
    field.focus();
    field.select();
  };
  show();
}
