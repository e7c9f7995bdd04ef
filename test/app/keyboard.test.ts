import { describe, expect, it } from "vitest";
import { commandFor } from "../../src/app/keyboard.ts";

describe("page keys", () => {
  it("Ctrl-S saves from anywhere, Cmd-S on a Mac", () => {
    expect(commandFor({ key: "s", ctrlKey: true }, "page")).toBe("save");
    expect(commandFor({ key: "s", ctrlKey: true }, "field")).toBe("save");
    expect(commandFor({ key: "s", metaKey: true }, "cell", true)).toBe("save");
    expect(commandFor({ key: "s", metaKey: true }, "cell", false)).toBeUndefined();
  });

  it("Ctrl-Z and Ctrl-Shift-Z undo and redo notebook edits, except inside another text field", () => {
    expect(commandFor({ key: "z", ctrlKey: true }, "cell")).toBe("undo");
    expect(commandFor({ key: "Z", ctrlKey: true, shiftKey: true }, "page")).toBe("redo");
    expect(commandFor({ key: "y", ctrlKey: true }, "page")).toBe("redo");
    expect(commandFor({ key: "z", ctrlKey: true }, "field")).toBeUndefined();
  });

  it("on a selected cell, arrows and J/K move, Enter edits, Shift-Enter runs, A/B add, Delete removes", () => {
    expect(commandFor({ key: "ArrowUp" }, "cell")).toBe("previous");
    expect(commandFor({ key: "j" }, "cell")).toBe("next");
    expect(commandFor({ key: "Enter" }, "cell")).toBe("edit");
    expect(commandFor({ key: "Enter", shiftKey: true }, "cell")).toBe("run");
    expect(commandFor({ key: "Enter", ctrlKey: true }, "cell")).toBe("run-and-stay");
    expect(commandFor({ key: "a" }, "cell")).toBe("add-above");
    expect(commandFor({ key: "B", shiftKey: true }, "cell")).toBeUndefined();
    expect(commandFor({ key: "Delete" }, "cell")).toBe("delete");
  });

  it("command keys do nothing outside a selected cell", () => {
    expect(commandFor({ key: "a" }, "page")).toBeUndefined();
    expect(commandFor({ key: "ArrowDown" }, "field")).toBeUndefined();
    expect(commandFor({ key: "Delete" }, "page")).toBeUndefined();
  });
});
