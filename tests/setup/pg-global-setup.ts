// Once per PostgreSQL test run: a throwaway cluster (tests/support/postgres.ts) and a template database migrated
// with the app's own migrator. Each test file gets a database copied from the template (pg-worker-database.ts);
// the whole cluster is removed afterwards.
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { connectPostgres, migratePostgres } from "../../app/db/migrate.js";
import { startCluster } from "../support/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export const TEMPLATE_DATABASE = "ck_template";

export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  try {
    const admin = await connectPostgres(cluster.url("postgres"));
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await admin.end();
    const template = await connectPostgres(cluster.url(TEMPLATE_DATABASE));
    await migratePostgres(template);
    await template.end();
    // A second template with the demo agency, for the files that seed it (tests/setup/pg-worker-database.ts).
    const seededAdmin = await connectPostgres(cluster.url("postgres"));
    await seededAdmin.query(`CREATE DATABASE ck_seeded TEMPLATE ${TEMPLATE_DATABASE}`);
    await seededAdmin.end();
    execFileSync("node_modules/.bin/tsx", ["prisma/seed.ts"], {
      env: { ...process.env, DATABASE_URL: cluster.url("ck_seeded") },
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (error) {
    cluster.stop();
    throw error;
  }
  console.log(`PostgreSQL test cluster on port ${cluster.port}`);
  project.provide("postgresUrl", cluster.url("postgres"));
  return () => cluster.stop();
}
