// Marks the line (and from the column on) where a cell's error happened, until the next result.
import { StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

export interface ErrorLocation {
  line: number;
  column?: number;
  message: string;
}

export const setErrorMark = StateEffect.define<ErrorLocation | null>();

const errorLine = Decoration.line({ class: "cm-error-line" });

const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    marks = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorMark)) continue;
      const location = effect.value;
      if (!location || location.line < 1 || location.line > transaction.state.doc.lines) {
        marks = Decoration.none;
        continue;
      }
      const line = transaction.state.doc.line(location.line);
      const from = Math.min(line.from + Math.max((location.column ?? 1) - 1, 0), line.to);
      const ranges = [errorLine.range(line.from)];
      if (from < line.to) ranges.push(Decoration.mark({ class: "cm-error-mark", attributes: { title: location.message } }).range(from, line.to));
      marks = Decoration.set(ranges);
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field)
});

export function errorMark(): Extension {
  return errorField;
}
