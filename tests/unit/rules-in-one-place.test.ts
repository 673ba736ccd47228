// Rules that live in one module: checked over the source, so a second copy fails here before it drifts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(import.meta.dirname, "../../app");

function sourceFiles(dir = APP): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("generated") ? [] : sourceFiles(full);
    return /\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

/** Files other than `owner` whose source matches `pattern`, relative to app/. */
function othersMatching(pattern: RegExp, owner: string): string[] {
  return sourceFiles()
    .map((f) => path.relative(APP, f))
    .filter((f) => f !== owner && pattern.test(fs.readFileSync(path.join(APP, f), "utf8")));
}

describe("one place for each rule", () => {
  it("only auth/throttle.server.ts writes the sign-in lockout counter", () => {
    expect(
      othersMatching(/signInThrottle\.(create|update|upsert|delete)|"SignInThrottle"/, "auth/throttle.server.ts"),
    ).toEqual([]);
  });

  it("only certification/validity-sql.server.ts compares a certification's dates in SQL", () => {
    expect(othersMatching(/s\."?(validUntil|readyAt)"?\s*(<|>|<=|>=)/, "certification/validity-sql.server.ts")).toEqual(
      [],
    );
  });

  it("only insight/competency-summary.server.ts writes the competency summary", () => {
    expect(
      othersMatching(
        /(officerCompetency|groupCompetency)\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\b|"(OfficerCompetency|GroupCompetency)"/,
        "insight/competency-summary.server.ts",
      ),
    ).toEqual([]);
  });
});
