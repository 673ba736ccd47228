import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../app/content-pipeline/check.server";

const fixture = (name: string) => `tests/fixtures/modules/${name}.mdx`;
async function errorsOf(name: string) {
  const report = await checkContent([fixture(name)]);
  return report.issues.filter((i) => i.severity === "error").map((i) => `${i.file}:${i.line}: ${i.message}`);
}

describe("module content check", () => {
  it("accepts a valid module", async () => {
    expect(await errorsOf("fixture-valid")).toEqual([]);
  });

  it("reports bad frontmatter with file, line and what is wrong", async () => {
    expect(await errorsOf("fixture-bad-frontmatter")).toEqual([
      "tests/fixtures/modules/fixture-bad-frontmatter.mdx:6: estimatedMinutes: Expected number, received string",
      'tests/fixtures/modules/fixture-bad-frontmatter.mdx:17: knowledgeCheck.0.answer: answer "z" is not one of the options (a, b)',
    ]);
  });

  it("reports an MDX syntax error at its line", async () => {
    expect(await errorsOf("fixture-syntax-error")).toEqual([
      "tests/fixtures/modules/fixture-syntax-error.mdx:54: MDX syntax error: Unexpected closing tag `</Reflectio>`, expected corresponding closing tag for `<Reflection>`",
    ]);
  });

  it("refuses imports, exports, expressions and unknown components, and runs none of them", async () => {
    const errors = await errorsOf("fixture-code");
    expect(errors).toEqual([
      expect.stringMatching(/:46: `import` and `export` are not allowed/),
      expect.stringMatching(/:48: `import` and `export` are not allowed/),
      expect.stringMatching(/:52: JavaScript expressions/),
      expect.stringMatching(/:52: <Danger> is not an allowed component/),
    ]);
  });

  it("makes `npm run content:check` exit non-zero with the messages", () => {
    let output = "";
    let status = 0;
    try {
      execFileSync(
        "node_modules/.bin/tsx",
        ["scripts/content-check.ts", fixture("fixture-bad-frontmatter"), fixture("fixture-syntax-error")],
        { encoding: "utf8", env: { ...process.env, CONTENT_CACHE: "off" } },
      );
    } catch (error) {
      status = (error as { status: number }).status;
      output = (error as { stdout: string }).stdout;
    }
    expect(status).toBe(1);
    expect(output).toContain("fixture-bad-frontmatter.mdx:6: error: estimatedMinutes");
    expect(output).toContain("fixture-syntax-error.mdx:54: error: MDX syntax error");
    expect(output).toMatch(/2 files checked .*: 3 errors/);
  });
});
