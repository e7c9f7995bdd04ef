import { describe, expect, it } from "vitest";
import { nodeDom } from "../../src/notebook/node-dom.ts";
import { splitInterpolations, staticMarkdown } from "../../src/app/trust-preview.ts";

describe("Markdown of a notebook not trusted yet", () => {
  const { document } = nodeDom();

  it("splits interpolations with nested braces, strings and templates from the text around them", () => {
    expect(splitInterpolations("a ${x} b ${f({y: '}'})} c ${`t ${z}`} \\${not} ${open")).toEqual([
      { text: "a " },
      { interpolation: "${x}" },
      { text: " b " },
      { interpolation: "${f({y: '}'})}" },
      { text: " c " },
      { interpolation: "${`t ${z}`}" },
      { text: " \\${not} ${open" }
    ]);
  });

  it("shows each interpolation's source, as code in text and as plain text inside a code block", () => {
    const element = staticMarkdown("# Result\n\nAccuracy **${(accuracy * 100).toFixed(1)}%**.\n\n```\n${grid}\n```", document);
    expect(element.querySelector("h1")?.textContent).toBe("Result");
    expect(element.querySelector("strong code.interpolation")?.textContent).toBe("${(accuracy * 100).toFixed(1)}");
    expect(element.querySelector("pre code")?.textContent).toBe("${grid}\n");
    expect(element.hasAttribute("data-static-preview")).toBe(true);
  });

  it("renders no raw HTML, no image and no address computed by code", () => {
    const element = staticMarkdown('<img src="x" onerror="alert(1)">\n\n![pixel](https://example.com/p.png) [link](${url}) [site](https://example.com)', document);
    expect(element.querySelector("img")).toBeNull();
    expect(element.textContent).toMatch(/<img src=.x. onerror=.alert\(1\).>/);
    expect(element.textContent).toContain("[image: pixel]");
    const links = Array.from(element.querySelectorAll("a"), (link) => link.getAttribute("href"));
    expect(links).toEqual([null, "https://example.com"]);
  });
});
