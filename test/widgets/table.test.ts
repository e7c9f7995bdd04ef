// @vitest-environment jsdom
// The one table every widget uses: pages, sorts by a column (missing values last), filters to
// chosen rows with a note, and goes to the page holding a row.
import { describe, expect, it } from "vitest";
import { DataTable } from "../../src/widgets/table.ts";

interface Row {
  name: string;
  score: number | null;
}

const rows: Row[] = Array.from({ length: 25 }, (_, i) => ({ name: `row ${i + 1}`, score: i === 3 ? null : (i * 7) % 25 }));

function table(options: Partial<ConstructorParameters<typeof DataTable<Row>>[0]> = {}) {
  const widget = new DataTable<Row>({
    rows,
    columns: [
      { key: "name", label: "name", value: (row) => row.name },
      { key: "score", label: "score", value: (row) => row.score, numeric: true }
    ],
    ...options
  });
  document.body.replaceChildren(widget.element);
  return widget;
}

const shown = (column: string) => Array.from(document.querySelectorAll(`tbody td[data-column="${column}"]`), (cell) => cell.textContent);
const click = (label: string) => (document.querySelector(`button[aria-label="${label}"]`) as HTMLButtonElement).click();
const range = () => document.querySelector(".table-range")!.textContent;

describe("the data table", () => {
  it("shows ten rows a page and pages forward and back; the last page is full, so the table keeps its height", () => {
    table();
    expect(shown("name")).toEqual(rows.slice(0, 10).map((row) => row.name));
    expect(range()).toBe("1–10 of 25");
    click("Next page");
    click("Next page");
    expect(shown("name")).toEqual(rows.slice(15).map((row) => row.name));
    expect(range()).toBe("16–25 of 25");
    expect((document.querySelector('button[aria-label="Next page"]') as HTMLButtonElement).disabled).toBe(true);
    click("Previous page");
    expect(range()).toBe("6–15 of 25");
  });

  it("sorts by a column ascending, then descending, then back to the given order; a missing value sorts last", () => {
    table({ pageSize: 30 });
    click("Sort by score");
    const ascending = shown("score");
    expect(ascending.slice(0, 3)).toEqual(["0", "1", "2"]);
    expect(ascending.at(-1)).toBe("–");
    expect(document.querySelector('th[aria-sort="ascending"]')?.textContent).toContain("score");
    click("Sort by score");
    expect(shown("score").slice(0, 2)).toEqual(["24", "23"]);
    click("Sort by score");
    expect(shown("name")).toEqual(rows.map((row) => row.name));
  });

  it("filters to chosen rows with a note, and reveals a row not shown at the bottom of the table", () => {
    const widget = table();
    widget.setFilter([24, 2, 30], "two rows");
    expect(shown("name")).toEqual(["row 25", "row 3"]);
    expect(range()).toBe("1–2 of 2 (of 25)");
    expect(document.querySelector(".table-note")!.textContent).toBe("two rows");
    widget.setFilter(undefined);
    widget.reveal(5);
    expect(range()).toBe("1–10 of 25");
    widget.reveal(23);
    expect(range()).toBe("15–24 of 25");
    expect(document.querySelector("tr.highlighted td")!.textContent).toBe("row 24");
  });
});
