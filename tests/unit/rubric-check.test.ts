// Rubrics are content: the content check reports each problem with its file and line.
import { describe, expect, it } from "vitest";
import { checkContent } from "../../app/content-pipeline/check.server";

async function problems(name: string) {
  const report = await checkContent([`tests/fixtures/rubrics/${name}.yaml`]);
  return {
    report,
    errors: report.issues.filter((i) => i.severity === "error").map((i) => `${i.file}:${i.line}: ${i.message}`),
  };
}

describe("rubric content check", () => {
  it("accepts a valid rubric and says what it holds", async () => {
    const { report, errors } = await problems("valid-small");
    expect(errors).toEqual([]);
    expect(report.lines).toEqual(["tests/fixtures/rubrics/valid-small.yaml: ok", "  3 criteria, for joint-meeting"]);
  });

  it("accepts the library's rubrics", async () => {
    const report = await checkContent([
      "content/rubrics/facilitating-a-meeting.yaml",
      "content/rubrics/preparing-a-participant.yaml",
    ]);
    expect(report.issues).toEqual([]);
    expect(report.lines).toContain("  9 criteria, for joint-meeting, circle");
  });

  it("reports schema errors at their lines: an unknown kind and competency, a missing anchor, an unknown field", async () => {
    const { errors } = await problems("fault-schema");
    const file = "tests/fixtures/rubrics/fault-schema.yaml";
    expect(errors).toEqual([
      expect.stringMatching(new RegExp(`^${file}:4: appliesTo.1: Invalid enum value.*received 'tea-party'`)),
      expect.stringMatching(new RegExp(`^${file}:8: criteria.0.competency: Invalid enum value.*received 'charisma'`)),
      `${file}:10: criteria.0.anchors.strong: is required but missing`,
      `${file}:18: criteria.1.weight: unknown field "weight"`,
    ]);
  });

  it("reports a slug that is not the file name, a repeated criterion id and two levels described alike", async () => {
    const { errors } = await problems("fault-logic");
    const file = "tests/fixtures/rubrics/fault-logic.yaml";
    expect(errors).toEqual([
      `${file}:1: slug "not-the-file-name" must match the file name (expected not-the-file-name.yaml)`,
      `${file}:14: the "strong" anchor repeats the "competent" anchor: describe what an assessor would see at each level`,
      `${file}:24: criterion id "opening" is used twice (first at criteria.0)`,
    ]);
  });

  it("reports a YAML syntax error with its line", async () => {
    const { errors } = await problems("fault-yaml");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^tests\/fixtures\/rubrics\/fault-yaml.yaml:[34]: /);
  });
});
