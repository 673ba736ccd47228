// Once per test run: a template database migrated from the committed migrations. Each test file copies
// it. The folder is this run's own, so several runs on one machine do not disturb each other.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate, openDatabase } from "../../app/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = path.resolve(`tests/.tmp/vitest-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const db = openDatabase(path.join(dir, "template.db"));
  migrate(db);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
  project.provide("databaseDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
