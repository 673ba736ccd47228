// `npm run start:cluster`: several app processes on one PostgreSQL database, through node's cluster module (they
// share one port; the primary hands connections out). WEB_CONCURRENCY processes (default: one per core). The
// database is migrated and seeded once, before the workers start; `npm start` stays a single process.
import cluster from "node:cluster";
import os from "node:os";
import { databaseEngine } from "../app/db/database-url.js";

process.env.NODE_ENV ??= "production";

if (cluster.isPrimary) {
  if (databaseEngine() !== "postgres") {
    console.error(
      "start:cluster needs DATABASE_URL=postgresql://…: a SQLite file is served by one process (npm start).",
    );
    process.exit(1);
  }
  const { prepareDatabase } = await import("./prepare-database.js");
  await prepareDatabase({ seedIfEmpty: process.env.SEED_DEMO !== "false" });
  const count = Number(process.env.WEB_CONCURRENCY || os.availableParallelism());
  console.log(`Starting ${count} app processes`);
  for (let i = 0; i < count; i++) cluster.fork();
  // A worker that dies is replaced; one that is stopped on purpose (SIGTERM to the primary) is not.
  let stopping = false;
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`App process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"]))
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    });
} else {
  await import("../server.js");
}
