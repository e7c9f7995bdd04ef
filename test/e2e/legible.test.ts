// Examples shown as themselves and edits that undo, in a real Chromium on the shipped lessons: a
// shapes drill-down shows drawings with what the model said, a penguins drill-down names its
// columns and leads to the CSV row, Ctrl-Z takes a CSV edit back out of the file on disk, and a
// label typed on the drawing pad is the label its drawing gets.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { editor, editorText, openNotebook, output, SCREENSHOTS, waitForOutput, waitForStatus } from "./helpers/page.ts";
import { useApp } from "./helpers/app.ts";

const app = useApp();

describe("examples shown as themselves", () => {
  it("shapes: a confusion cell's drawings show as pictures, each with the label the model gave it", async () => {
    await openNotebook(app.page, app.server.url, "shapes.html");
    const [TRAINING, EVALUATION] = [7, 9];
    await waitForStatus(app.page, TRAINING, "fulfilled");
    await waitForStatus(app.page, EVALUATION, "fulfilled");
    const evaluation = output(app.page, EVALUATION);
    // The cell of the matrix with the most mistakes (the diagonal when there are none).
    const cells = evaluation.locator(".confusion-cell:not([disabled])");
    const counts = await cells.evaluateAll((buttons) => buttons.map((b) => ({ expected: b.getAttribute("data-expected"), predicted: b.getAttribute("data-predicted"), count: Number(b.textContent) })));
    const wrong = counts.filter((c) => c.expected !== c.predicted).sort((a, b) => b.count - a.count)[0] ?? counts[0];
    await evaluation.locator(`.confusion-cell[data-expected="${wrong.expected}"][data-predicted="${wrong.predicted}"]`).click();
    const list = evaluation.locator(".evaluation-selection");
    await list.locator("tbody tr").first().waitFor();
    expect(await list.locator("p").first().textContent()).toBe(`${wrong.count} example${wrong.count === 1 ? "" : "s"} expected ${wrong.expected}, predicted ${wrong.predicted}:`);
    const shown = Math.min(wrong.count, 10);
    expect(await list.locator('tbody td[data-column="input"] svg.stroke-thumbnail[role="img"]').count()).toBe(shown);
    expect(await list.locator('tbody td[data-column="input"] polyline').count()).toBeGreaterThanOrEqual(shown);
    expect(await list.locator('tbody td[data-column="input"]').first().textContent()).toBe("");
    const predicted = await list.locator('tbody td[data-column="predicted"]').allTextContents();
    expect(predicted).toHaveLength(shown);
    for (const text of predicted) expect(text).toMatch(new RegExp(`^[✓✗] ${wrong.predicted} \\d+%$`));
    expect(await list.locator('tbody td[data-column="expected"]').allTextContents()).toEqual(new Array(shown).fill(wrong.expected));
    await list.scrollIntoViewIfNeeded();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await evaluation.screenshot({ path: join(SCREENSHOTS, "shapes-drill-down.png") });
    expect(app.errors).toEqual([]);
  });

  it("pad: a label typed in the field (no Enter) is the label the drawing is added with", async () => {
    const [DRAWINGS, PAD] = [2, 13];
    const pad = output(app.page, PAD);
    await pad.locator("canvas.pad-canvas").scrollIntoViewIfNeeded();
    await pad.getByLabel("A new label").fill("star");
    const canvas = (await pad.locator("canvas.pad-canvas").boundingBox())!;
    await app.page.mouse.move(canvas.x + 40, canvas.y + 200);
    await app.page.mouse.down();
    for (const [x, y] of [[120, 30], [200, 200], [30, 90], [210, 90], [40, 200]]) await app.page.mouse.move(canvas.x + x, canvas.y + y, { steps: 4 });
    await app.page.mouse.up();
    const add = pad.locator("button.pad-add");
    expect(await add.textContent()).toBe('Add as "star"');
    await add.click();
    // The editor draws only the lines near the screen (wrapped, the cell is tall): look at its end, where the line went.
    await editor(app.page, DRAWINGS).evaluate((content) => content.scrollIntoView({ block: "end" }));
    const starLines = async () => (await editorText(app.page, DRAWINGS)).split("\n").filter((line) => line.includes('output: "star"'));
    await expect.poll(starLines).toEqual([expect.stringMatching(/^ {2}\{input: "[\d, ;]+", output: "star"\},$/)]);
    await pad.scrollIntoViewIfNeeded();
    // The new label is now a choice of its own, picked; the field is empty for the next one.
    expect(await pad.getByRole("radio", { name: "star" }).getAttribute("aria-checked")).toBe("true");
    expect(await pad.getByLabel("A new label").inputValue()).toBe("");
    await waitForOutput(app.page, 10, /after training on\s+33/);
    expect(app.errors).toEqual([]);
  });

  it("penguins: a drill-down names the measurements' columns and each row leads to its row of penguins.csv", async () => {
    await openNotebook(app.page, app.server.url, "penguins.html");
    const [ROWS, TRAINING, EVALUATION] = [2, 7, 8];
    await waitForStatus(app.page, TRAINING, "fulfilled");
    await waitForStatus(app.page, EVALUATION, "fulfilled");
    const evaluation = output(app.page, EVALUATION);
    await evaluation.locator('.confusion-cell[data-expected="Gentoo"][data-predicted="Gentoo"]').click();
    const list = evaluation.locator(".evaluation-selection");
    await list.locator("tbody tr").first().waitFor();
    const headings = await list.locator("thead th").allTextContents();
    expect(headings.map((text) => text.replace(/[▲▼]/g, ""))).toEqual(["#", "beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g", "expected", "predicted", "source"]);
    const first = list.locator("tbody tr").first();
    const measured = await Promise.all(["beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"].map((column) => first.locator(`td[data-column="input ${column}"]`).textContent()));
    expect(await first.locator('td[data-column="predicted"]').textContent()).toMatch(/^✓ Gentoo \d+%$/);
    const link = first.locator(".source-link");
    const where = (await link.textContent())!;
    expect(where).toMatch(/^penguins\.csv row \d+$/);
    const row = Number(where.replace(/\D+/g, ""));
    await link.click();
    const table = output(app.page, ROWS);
    await table.locator(".table-note", { hasText: `${where}: expected Gentoo, the model says Gentoo` }).waitFor();
    expect(await table.locator(".table-range").textContent()).toBe("1–1 of 1 (of 344)");
    const shownRow = table.locator("tbody tr");
    expect(await shownRow.getAttribute("data-row")).toBe(String(row - 1));
    expect(await shownRow.getAttribute("class")).toBe("highlighted");
    const fields = await Promise.all(["beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"].map((column) => shownRow.locator(`td[data-column="${column}"]`).textContent()));
    expect(fields).toEqual(measured);
    expect(await shownRow.locator('td[data-column="species"]').textContent()).toBe("Gentoo");
    // The very line of the file: line row + 1 (the header is line 1).
    const line = readFileSync(join(app.server.root, "penguins.csv"), "utf8").split("\n")[row];
    expect(line.split(",").slice(2, 6)).toEqual(measured);
    await table.screenshot({ path: join(SCREENSHOTS, "penguins-row-from-drill-down.png") });
    await table.getByRole("button", { name: "Show all" }).click();
    expect(await table.locator(".table-range").textContent()).toBe("1–10 of 344");
    expect(app.errors).toEqual([]);
  });
});

describe("every edit undoable", () => {
  it("Ctrl-Z takes a CSV edit back out of the file on disk, and Ctrl-Shift-Z puts it back", async () => {
    const [ROWS, EVALUATION] = [2, 8];
    const file = join(app.server.root, "penguins.csv");
    const original = readFileSync(file, "utf8");
    // The page writes the file through the file API: poll the disk (no event reaches this process).
    const fileIs = (text: string) => expect.poll(() => readFileSync(file, "utf8"), { timeout: 10_000 }).toBe(text);
    const table = output(app.page, ROWS);
    expect(await app.page.getByRole("button", { name: "Undo", exact: true }).isDisabled()).toBe(true);
    await table.getByRole("button", { name: "Edit body_mass_g of row 2", exact: true }).click();
    const field = table.getByRole("textbox", { name: "body_mass_g of row 2", exact: true });
    await field.fill("3900");
    await field.press("Enter");
    const edited = original.replace("Adelie,Torgersen,39.5,17.4,186,3800,FEMALE", "Adelie,Torgersen,39.5,17.4,186,3900,FEMALE");
    await fileIs(edited);
    // The table shows the file again once the cell re-ran (after the burst pause: seconds on a busy machine).
    const shows = (mass: string) => table.locator('tr[data-row="1"] td[data-column="body_mass_g"]', { hasText: new RegExp(`^${mass}$`) }).waitFor();
    await shows("3900");
    await app.page.keyboard.press("Control+z");
    await fileIs(original);
    await shows("3800");
    await app.page.keyboard.press("Control+Shift+z");
    await fileIs(edited);
    await shows("3900");
    await app.page.keyboard.press("Control+z");
    await fileIs(original);
    await waitForStatus(app.page, EVALUATION, "fulfilled");
    // The notebook's own text never changed: nothing to save.
    expect(await app.page.locator("[data-save-state]").getAttribute("data-save-state")).toBe("saved");
    expect(app.errors).toEqual([]);
  });
});
