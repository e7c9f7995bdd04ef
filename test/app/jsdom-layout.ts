// jsdom has no layout: CodeMirror's measuring and scrollIntoView get empty answers instead of
// throwing (they only position things on screen, which these tests do not look at).
const empty = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
Range.prototype.getClientRects ??= empty;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();
Element.prototype.scrollIntoView ??= () => undefined;
