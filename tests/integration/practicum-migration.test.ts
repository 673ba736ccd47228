// The migration that gives practicum entries a kind: existing rows get the kind their process type implies,
// keep their free reflection, and have no reflective log (docs/decisions/0163-practicum-kinds-and-logs.md).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, openDatabase } from "../../app/db/migrate.js";

const MIGRATION = "20261202150000_practicum_kinds_and_logs";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-practicum-migration-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database migrated up to (not including) the practicum migration. */
function databaseBefore() {
  const earlier = path.join(dir, "earlier");
  for (const name of fs.readdirSync(MIGRATIONS_DIR).filter((n) => n < MIGRATION)) {
    fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(earlier, name), { recursive: true });
  }
  const db = openDatabase(path.join(dir, "old.db"));
  migrate(db, earlier);
  return db;
}

describe("practicum kinds migration", () => {
  it("derives each existing entry's kind from its process type and leaves its log empty", () => {
    const db = databaseBefore();
    db.prepare(`INSERT INTO Agency (id, name) VALUES ('a', 'Agency')`).run();
    db.prepare(
      `INSERT INTO User (id, email, name, role, agencyId, passwordHash) VALUES ('u', 'u@example.org', 'U', 'officer', 'a', 'x')`,
    ).run();
    const insert =
      db.prepare(`INSERT INTO PracticumEntry (id, officerId, date, processType, role, participantCount, outcome, reflection, submissionKey)
      VALUES (?, 'u', '2026-01-01T00:00:00.000Z', ?, 'Co-facilitator', 4, 'Agreement.', 'Old free reflection.', ?)`);
    const types = [
      "Victim-offender dialogue",
      "Community conference",
      "Restorative circle",
      "Pre-conference meeting",
      "Other restorative process",
    ];
    types.forEach((type, i) => insert.run(`p${i}`, type, `k${i}`));

    expect(migrate(db)).toContain(MIGRATION);
    const rows = db
      .prepare(
        `SELECT id, kind, processType, role, reflection, logWhatHappened, logWentWell, logWouldChange, logSupportNeeded FROM PracticumEntry ORDER BY id`,
      )
      .all() as Record<string, string | null>[];
    expect(rows.map((r) => [r.processType, r.kind])).toEqual([
      ["Victim-offender dialogue", "joint-meeting"],
      ["Community conference", "joint-meeting"],
      ["Restorative circle", "circle"],
      ["Pre-conference meeting", "pre-meeting"],
      ["Other restorative process", "pre-meeting"],
    ]);
    for (const row of rows) {
      expect(row.reflection).toBe("Old free reflection.");
      expect(row.role).toBe("Co-facilitator");
      expect([row.logWhatHappened, row.logWentWell, row.logWouldChange, row.logSupportNeeded]).toEqual([
        null,
        null,
        null,
        null,
      ]);
    }
    expect(db.pragma("foreign_key_check")).toEqual([]);
    db.close();
  });
});
