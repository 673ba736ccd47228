// Once per test run: a template database migrated from the committed migrations. Each test file copies it.
import fs from "node:fs";
import path from "node:path";
import { migrate, openDatabase } from "../../app/db/migrate.js";

export const TMP_DIR = path.resolve("tests/.tmp/vitest");
export const TEMPLATE = path.join(TMP_DIR, "template.db");

export default function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const db = openDatabase(TEMPLATE);
  migrate(db);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
  return () => fs.rmSync(TMP_DIR, { recursive: true, force: true });
}
