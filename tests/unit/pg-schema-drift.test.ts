// PostgreSQL's schema and migrations are generated from the SQLite ones (scripts/db/pg-schema.js). These checks
// fail when a committed PostgreSQL file is stale: run `npm run db:pg-migrations` and commit what it writes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  migrationNames,
  PG_ADDITIONS,
  PG_MIGRATIONS,
  PG_SCHEMA,
  pgSchemaText,
  SQLITE_MIGRATIONS,
  SQLITE_SCHEMA,
  sourceLine,
} from "../../scripts/db/pg-schema.js";

const fix = "run `npm run db:pg-migrations` and commit prisma/postgres/";

describe("PostgreSQL schema and migrations", () => {
  it("the PostgreSQL schema is the SQLite schema with the provider swapped", () => {
    const expected = pgSchemaText(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(fs.readFileSync(PG_SCHEMA, "utf8"), fix).toBe(expected);
  });

  it("every SQLite migration has a PostgreSQL migration of the same name, and no other exists", () => {
    expect(migrationNames(PG_MIGRATIONS), fix).toEqual(migrationNames(SQLITE_MIGRATIONS));
  });

  it("each PostgreSQL migration was generated from the SQLite migration and additions as they are now", () => {
    for (const name of migrationNames(PG_MIGRATIONS)) {
      const firstLine = fs.readFileSync(path.join(PG_MIGRATIONS, name, "migration.sql"), "utf8").split("\n")[0];
      // A changed SQLite migration (or additions file) needs its folder deleted and regenerated.
      expect(firstLine, `${name}: ${fix}`).toBe(sourceLine(name));
    }
  });

  it("each additions file belongs to a migration", () => {
    const names = new Set(migrationNames(SQLITE_MIGRATIONS));
    for (const file of fs.readdirSync(PG_ADDITIONS)) expect(names, file).toContain(file.replace(/\.sql$/, ""));
  });
});
