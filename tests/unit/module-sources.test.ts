import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseModuleFrontmatter } from "../../app/modules/parse";
import { citationParts } from "../../app/modules/sources";

const valid = fs.readFileSync("tests/fixtures/modules/fixture-valid.mdx", "utf8");
/** The valid fixture with a `sources:` block inserted after its first front-matter line. */
function withSources(block: string) {
  return valid.replace(/^---\r?\n/, `---\n${block}\n`);
}

describe("module sources", () => {
  it("warns about a module with no sources outside the library", () => {
    const { issues } = parseModuleFrontmatter("tests/fixtures/modules/fixture-valid.mdx", valid);
    expect(issues.filter((i) => /no `sources`/.test(i.message)).map((i) => i.severity)).toEqual(["warning"]);
  });

  it("accepts full citations and stops warning", () => {
    const source = withSources(
      [
        "sources:",
        "  - authors: Zehr, Howard",
        "    year: 1990",
        "    title: Changing Lenses",
        "    publisher: Herald Press",
      ].join("\n"),
    );
    const { frontmatter, issues } = parseModuleFrontmatter("tests/fixtures/modules/fixture-valid.mdx", source);
    expect(issues.filter((i) => /sources/.test(i.message))).toEqual([]);
    expect(frontmatter?.sources).toEqual([
      { authors: "Zehr, Howard", year: 1990, title: "Changing Lenses", publisher: "Herald Press" },
    ]);
  });

  it("refuses a source with neither or both of publisher and in, at its line", () => {
    const source = withSources(
      [
        "sources:",
        "  - authors: Braithwaite, John",
        "    year: 1989",
        "    title: Crime, Shame and Reintegration",
      ].join("\n"),
    );
    const { frontmatter, issues } = parseModuleFrontmatter("tests/fixtures/modules/fixture-valid.mdx", source);
    expect(frontmatter).toBeNull();
    expect(issues.filter((i) => i.severity === "error").map((i) => [i.line, i.message])).toEqual([
      [3, expect.stringContaining("exactly one of `publisher`")],
    ]);
  });

  it("cites a book with its title as a work and an article with its title in quotes", () => {
    expect(
      citationParts({
        authors: "Zehr, Howard;Mika, Harry",
        year: 1998,
        title: "Fundamental Concepts of Restorative Justice",
        in: "Contemporary Justice Review 1(1), 47–55",
      }),
    ).toEqual({
      lead: "Zehr, Howard; Mika, Harry (1998). ",
      title: "Fundamental Concepts of Restorative Justice",
      titleIsBook: false,
      tail: ". Contemporary Justice Review 1(1), 47–55.",
    });
    expect(
      citationParts({
        authors: "Braithwaite, John",
        year: 1989,
        title: "Crime, Shame and Reintegration",
        publisher: "Cambridge University Press",
      }).titleIsBook,
    ).toBe(true);
  });
});
