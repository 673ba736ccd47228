// The PostgreSQL side of `npm run bench -- --engine postgres` (issue 21): a cluster of the bench's own under
// bench/data/ (initdb + pg_ctl like tests/support/postgres.ts, as the `postgres` user when run as root), the
// SQLite bench data copied into it with COPY, and the auto_explain log read back for sequential scans.
//
// The cluster keeps its data between runs: a second run reuses the loaded database when the SQLite file it was
// copied from (generator version, scale, generation time) has not changed.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migratePostgres } from "../app/db/migrate.js";
import { postgresBinaries } from "../tests/support/postgres-binaries.js";

const asRoot = process.getuid?.() === 0;
const DATABASE = "bench";
const USER = "ck";

/**
 * @param {string} bin
 * @param {string[]} args
 */
function runAsOwner(bin, args) {
  const [command, commandArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return execFileSync(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
}

/**
 * Starts (creating it the first time) the bench's cluster in `dir` on `port`. auto_explain is loaded in every
 * session but logs nothing until `setExplain(true)`: the measured runs are not slowed by it.
 * @param {{ dir: string, port: number }} options
 */
export function startBenchCluster({ dir, port }) {
  const bin = postgresBinaries();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install postgresql, or set PG_BIN).");
  const data = path.join(dir, "data");
  const log = path.join(dir, "postgres.log");
  fs.mkdirSync(dir, { recursive: true });
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  if (!fs.existsSync(path.join(data, "PG_VERSION")))
    runAsOwner(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync"]);
  // Durable like the SQLite bench (fsync and synchronous_commit stay on); memory sized for the bench machine.
  const settings = {
    listen_addresses: "127.0.0.1",
    max_connections: "300",
    shared_buffers: "2GB",
    maintenance_work_mem: "512MB",
    max_wal_size: "8GB",
    shared_preload_libraries: "auto_explain",
    "auto_explain.log_analyze": "off",
    "auto_explain.log_format": "text",
    log_line_prefix: "'%m [%p] '",
  };
  const options = [`-p ${port}`, `-k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(" ");
  // A cluster left running by an interrupted run is stopped first, so that these settings apply.
  if (fs.existsSync(path.join(data, "postmaster.pid"))) stopBenchCluster(dir);
  runAsOwner(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", log, "-w", "-t", "120", "start"]);
  // auto_explain.log_min_duration is set with ALTER SYSTEM (setExplain), never on the command line: a command-line
  // setting would win over ALTER SYSTEM and the plan pass could not turn it on.
  return {
    url: `postgresql://${USER}@127.0.0.1:${port}/${DATABASE}`,
    adminUrl: `postgresql://${USER}@127.0.0.1:${port}/postgres`,
    log,
  };
}

/** @param {string} dir */
export function stopBenchCluster(dir) {
  const bin = postgresBinaries();
  if (!bin) return;
  try {
    runAsOwner(path.join(bin, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "fast", "-w", "-t", "120", "stop"]);
  } catch {
    // not running: nothing to stop
  }
}

/**
 * Turns auto_explain's logging of every statement's plan on or off for all sessions (a reload, no restart).
 * @param {string} url
 * @param {boolean} on
 */
export async function setExplain(url, on) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER SYSTEM SET auto_explain.log_min_duration = ${on ? 0 : -1}`);
    await client.query("SELECT pg_reload_conf()");
  } finally {
    await client.end();
  }
}

/**
 * Escapes one value for COPY's text format, converting SQLite's representations to the PostgreSQL column's:
 * booleans are 0/1 there, bytes are blobs, times are text already in a form PostgreSQL reads (or epoch ms).
 * @param {unknown} value
 * @param {string} type PostgreSQL's data_type
 */
function copyValue(value, type) {
  if (value === null || value === undefined) return "\\N";
  if (type === "boolean") return value ? "t" : "f";
  if (type === "bytea") return `\\\\x${Buffer.from(/** @type {Buffer} */ (value)).toString("hex")}`;
  if (type.startsWith("timestamp") && typeof value === "number") return new Date(value).toISOString();
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : text;
}

/**
 * Streams one table from SQLite into PostgreSQL through `psql -c "COPY … FROM STDIN"`.
 * @param {import("better-sqlite3").Database} sqlite
 * @param {string} url
 * @param {string} table
 * @param {{ name: string, type: string }[]} columns
 * @returns {Promise<number>} rows copied
 */
async function copyTable(sqlite, url, table, columns) {
  const list = columns.map((c) => `"${c.name}"`).join(", ");
  const psql = spawn("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", `COPY "${table}" (${list}) FROM STDIN`], {
    stdio: ["pipe", "ignore", "pipe"],
    env: { ...process.env, PGOPTIONS: "-c session_replication_role=replica" },
  });
  let stderr = "";
  psql.stderr.on("data", (c) => (stderr += c));
  const exited = new Promise((resolve) => psql.on("exit", resolve));
  const types = columns.map((c) => c.type);
  let rows = 0;
  let buffer = "";
  const flush = async () => {
    if (!psql.stdin.write(buffer)) await new Promise((r) => psql.stdin.once("drain", r));
    buffer = "";
  };
  for (const row of /** @type {IterableIterator<unknown[]>} */ (
    sqlite.prepare(`SELECT ${list} FROM "${table}"`).raw().iterate()
  )) {
    let line = "";
    for (let i = 0; i < row.length; i++) line += (i ? "\t" : "") + copyValue(row[i], /** @type {string} */ (types[i]));
    buffer += line + "\n";
    rows++;
    if (buffer.length > 1 << 20) await flush();
  }
  await flush();
  psql.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`COPY "${table}" failed: ${stderr.slice(-2000)}`);
  return rows;
}

/**
 * Loads the SQLite bench database `sqliteFile` into a fresh database of the cluster: the app's PostgreSQL
 * migrations create the schema, the secondary indexes are dropped, every table is copied with COPY (triggers
 * and foreign-key checks off for the load: the rows were valid in SQLite), the indexes are created again, and
 * ANALYZE runs. Returns the row counts and times.
 * @param {{ sqliteFile: string, url: string, adminUrl: string, log?: (...parts: unknown[]) => void }} options
 */
export async function loadFromSqlite({ sqliteFile, url, adminUrl, log = console.log }) {
  const started = performance.now();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}"`);
  await admin.query(`CREATE DATABASE "${DATABASE}"`);
  await admin.end();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sqlite = new Database(sqliteFile, { readonly: true });
  try {
    await migratePostgres(client);
    const { rows: indexes } = await client.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)`,
    );
    for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);
    const { rows: columnRows } = await client.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    /** @type {Map<string, { name: string, type: string }[]>} */
    const pgColumns = new Map();
    for (const c of columnRows) {
      if (!pgColumns.has(c.table_name)) pgColumns.set(c.table_name, []);
      pgColumns.get(c.table_name)?.push({ name: c.column_name, type: c.data_type });
    }
    const tables = /** @type {string[]} */ (
      sqlite
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
        )
        .pluck()
        .all()
    );
    /** @type {Record<string, number>} */
    const counts = {};
    /** @type {string[]} */
    const skipped = [];
    // Largest last, so that a mistake in a small table shows up in seconds.
    const sizes = new Map(
      tables.map((t) => [t, /** @type {number} */ (sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get())]),
    );
    for (const table of [...tables].sort((a, b) => (sizes.get(a) ?? 0) - (sizes.get(b) ?? 0))) {
      const target = pgColumns.get(table);
      if (!target) {
        skipped.push(table);
        continue;
      }
      if (!sizes.get(table)) continue;
      const inSqlite = new Set(
        sqlite
          .prepare(`SELECT name FROM pragma_table_info(?)`)
          .pluck()
          .all(table)
          .map((n) => String(n)),
      );
      const columns = target.filter((c) => inSqlite.has(c.name));
      const t = performance.now();
      counts[table] = await copyTable(sqlite, url, table, columns);
      if ((sizes.get(table) ?? 0) > 100_000)
        log(`  ${table}: ${counts[table]} rows in ${Math.round((performance.now() - t) / 100) / 10} s`);
    }
    const copiedAt = performance.now();
    log(`  creating ${indexes.length} indexes ...`);
    for (const i of indexes) await client.query(i.indexdef);
    const indexedAt = performance.now();
    await client.query("ANALYZE");
    // Row counts must agree table by table.
    /** @type {string[]} */
    const mismatches = [];
    for (const [table, n] of Object.entries(counts)) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${table}"`);
      if (rows[0].n !== n) mismatches.push(`${table}: SQLite ${n}, PostgreSQL ${rows[0].n}`);
    }
    if (mismatches.length) throw new Error(`row counts differ after COPY: ${mismatches.join("; ")}`);
    const { rows: size } = await client.query(`SELECT pg_database_size(current_database())::bigint AS bytes`);
    return {
      tables: Object.keys(counts).length,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      counts,
      skippedTables: skipped,
      indexesRecreated: indexes.length,
      copySeconds: Math.round((copiedAt - started) / 100) / 10,
      indexSeconds: Math.round((indexedAt - copiedAt) / 100) / 10,
      analyzeSeconds: Math.round((performance.now() - indexedAt) / 100) / 10,
      gigabytes: Math.round((Number(size[0].bytes) / 1e9) * 100) / 100,
    };
  } finally {
    sqlite.close();
    await client.end();
  }
}

/**
 * Reads the auto_explain entries logged from byte `from` of `logFile` and returns the statements whose plan has a
 * sequential scan of one of `tables`, with how often each ran.
 * @param {string} logFile
 * @param {number} from
 * @param {string[]} tables
 */
export function seqScansIn(logFile, from, tables) {
  const fd = fs.openSync(logFile, "r");
  const size = fs.fstatSync(fd).size;
  const text = Buffer.alloc(size - from);
  fs.readSync(fd, text, 0, text.length, from);
  fs.closeSync(fd);
  // Each log entry starts with the line prefix (a timestamp); an auto_explain entry says "plan:".
  const entries = text.toString("utf8").split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/);
  const plans = entries.filter((e) => e.includes("LOG:  duration:") && e.includes("plan:"));
  /** @type {Map<string, { table: string, statement: string, count: number, plan: string }>} */
  const found = new Map();
  const scan = new RegExp(`Seq Scan on "?(${tables.join("|")})"?(?=[\\s)])`);
  for (const entry of plans) {
    const hit = entry.match(scan);
    if (!hit) continue;
    // The statement runs from "Query Text:" to the plan's first node (the first line with a cost).
    const lines = entry.slice(entry.indexOf("Query Text:") + 11).split("\n");
    const planAt = lines.findIndex((line) => /\(cost=/.test(line));
    const statement = lines
      .slice(0, planAt < 0 ? 1 : planAt)
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
    const key = `${hit[1]} ${statement}`;
    const seen = found.get(key);
    if (seen) seen.count++;
    else
      found.set(key, {
        table: /** @type {string} */ (hit[1]),
        statement: statement.length > 1500 ? `${statement.slice(0, 1500)} …` : statement,
        count: 1,
        plan: lines
          .slice(Math.max(planAt, 0))
          .join("\n")
          .replace(/'\{[^}]{200,}\}'/g, "'{…}'")
          .slice(0, 3000),
      });
  }
  return { plansLogged: plans.length, seqScans: [...found.values()] };
}

/**
 * Choice events recorded for these attempts (the PostgreSQL twin of run.mjs's SQLite count).
 * @param {string} url
 * @param {string[]} attemptIds
 */
export async function countChoiceEvents(url, attemptIds) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "ChoiceEvent" WHERE "attemptId" = ANY($1)`, [
      attemptIds,
    ]);
    return /** @type {number} */ (rows[0].n);
  } finally {
    await client.end();
  }
}
