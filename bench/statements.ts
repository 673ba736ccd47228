// Counts the SQL statements one scenario choice costs, through the app's own code on the bench database:
// `choose()` alone, and the whole form post (the route's action: session, ownership check, choose).
// Every statement runs through a better-sqlite3 statement's run/get/all/iterate or the connection's exec, so
// wrapping those counts them all, BEGIN and COMMIT included; statements prepared once and cached (the reader's,
// the choice writer's) are counted at every run, not at prepare.
//
//   DATABASE_URL=file:bench/data/bench.db npx tsx bench/statements.ts bench/data/bench.db.meta.json
import fs from "node:fs";
import Database from "better-sqlite3";

interface Traced {
  sql: string;
  args: unknown[];
  ms: number;
}
const log: Traced[] = [];
let tracing = true;
const proto = Database.prototype as unknown as { prepare: (sql: string) => object; exec: (sql: string) => unknown };
const prepare = proto.prepare;
const exec = proto.exec;
const records = new WeakMap<object, Traced>();
let statementProtoPatched = false;
function patchStatements(stmt: object) {
  if (statementProtoPatched) return;
  statementProtoPatched = true;
  const sp = Object.getPrototypeOf(stmt) as Record<string, (...a: unknown[]) => unknown>;
  const bind = sp.bind!;
  sp.bind = function (this: object, ...args: unknown[]) {
    const r = records.get(this);
    if (r) r.args = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    return bind.apply(this, args);
  };
  for (const name of ["all", "run", "get", "iterate"]) {
    const original = sp[name]!;
    sp[name] = function (this: object, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const prepared = records.get(this);
        if (prepared && tracing)
          log.push({ sql: prepared.sql, args: args.length ? args : prepared.args, ms: performance.now() - started });
      }
    };
  }
}
proto.prepare = function (this: unknown, sql: string) {
  const stmt = prepare.call(this, sql);
  patchStatements(stmt);
  records.set(stmt, { sql: sql.replace(/\s+/g, " ").trim(), args: [], ms: 0 });
  return stmt;
};
proto.exec = function (this: unknown, sql: string) {
  if (tracing) log.push({ sql: sql.replace(/\s+/g, " ").trim(), args: [], ms: 0 });
  return exec.call(this, sql);
};

process.env.NODE_ENV = "production";
const meta = JSON.parse(fs.readFileSync(process.argv[2] ?? "bench/data/bench.db.meta.json", "utf8")) as {
  officers: { id: string; email: string }[];
  scenarios: { slug: string; paths: string[][] }[];
  rosterSupervisors: string[];
  chiefSupervisor: string;
  longHistoryOfficer: { id: string; supervisor: string };
};

const { prisma } = await import("../app/db/db.server");
(await import("../app/wiring.server")).wireDomains();
const { choose, startAttempt, startOver } = await import("../app/scenarios/attempts.server");
const { ensureLibrary } = await import("../app/scenarios/library.server");
const { createSession, commitSessionCookie } = await import("../app/auth/session.server");
const route = await import("../app/routes/scenarios.$slug.attempts.$attemptId");

await ensureLibrary();
// From the end of the list, so that the HTTP benchmark's officers are not disturbed: the first officer the app
// lets practice the measured scenarios (it refuses practice that would leave a requirement nothing to count).
let officer: {
  id: string;
  email: string;
  name: string;
  role: "officer";
  agencyId: string;
  unitId: string | null;
} | null = null;
for (const ref of [...meta.officers].reverse()) {
  const row = await prisma.user.findUniqueOrThrow({ where: { id: ref.id } });
  const candidate = {
    id: row.id,
    email: row.email,
    name: row.name,
    role: "officer" as const,
    agencyId: row.agencyId,
    unitId: row.unitId,
  };
  const starts = await Promise.all(
    meta.scenarios.slice(0, 2).map((s) => startAttempt(candidate, s.slug, "practice", { over: true })),
  );
  if (starts.every((o) => o.kind === "started")) {
    officer = candidate;
    break;
  }
}
if (!officer) throw new Error("no officer may practice the measured scenarios");
const cookie = (await commitSessionCookie(await createSession(officer.id))).split(";")[0]!;

interface Count {
  statements: number;
  sql: string[];
  totalMs: number;
  dbMs: number;
}
async function counted(work: () => Promise<unknown>): Promise<Count> {
  log.length = 0;
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  return { statements: log.length, sql: log.map((r) => r.sql), totalMs, dbMs: log.reduce((a, r) => a + r.ms, 0) };
}
const avg = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)) * 100) / 100;

const results: {
  slug: string;
  perChoice: number[];
  finalChoice: Count;
  typicalChoice: Count;
  actionPerChoice: number[];
  actionFinal: Count;
  actionTypical: Count;
  chooseMs: { total: number; db: number };
  actionMs: { total: number; db: number };
}[] = [];
for (const s of meta.scenarios.slice(0, 2)) {
  const path = s.paths[0]!;
  // choose() alone, over a whole play (the last choice finishes the attempt and rewrites the roster summary).
  const started = await startOver(officer, s.slug);
  if (!started) throw new Error(`cannot start ${s.slug}`);
  await choose(officer, started.attemptId, 0, path[0]!); // warm the per-process caches (version, machine)
  const perChoice: Count[] = [];
  for (let position = 1; position < path.length; position++) {
    perChoice.push(
      await counted(async () => {
        const outcome = await choose(officer, started.attemptId, position, path[position]!);
        if (outcome.kind !== "recorded") throw new Error(`choice ${position} of ${s.slug}: ${outcome.kind}`);
      }),
    );
  }
  // The whole form post through the route's action.
  const again = await startOver(officer, s.slug);
  if (!again) throw new Error(`cannot start ${s.slug}`);
  const post = (position: number) =>
    route.action({
      request: new Request(`http://127.0.0.1/scenarios/${s.slug}/attempts/${again.attemptId}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "choose", choiceId: path[position]!, position: String(position) }),
      }),
      params: { slug: s.slug, attemptId: again.attemptId },
      context: { clientAddress: "127.0.0.1" },
    });
  await post(0);
  const actionPerChoice: Count[] = [];
  for (let position = 1; position < path.length; position++) {
    actionPerChoice.push(
      await counted(async () => {
        const response = await post(position);
        if (!(response instanceof Response) || response.status !== 302)
          throw new Error(
            `action at ${position} of ${s.slug} answered ${response instanceof Response ? response.status : typeof response}`,
          );
      }),
    );
  }
  results.push({
    slug: s.slug,
    perChoice: perChoice.map((c) => c.statements),
    typicalChoice: perChoice[0]!,
    finalChoice: perChoice[perChoice.length - 1]!,
    actionPerChoice: actionPerChoice.map((c) => c.statements),
    actionTypical: actionPerChoice[0]!,
    actionFinal: actionPerChoice[actionPerChoice.length - 1]!,
    // Mean time of the non-final choices, in this process (no HTTP): all of it, and the part inside SQLite.
    chooseMs: {
      total: avg(perChoice.slice(0, -1).map((c) => c.totalMs)),
      db: avg(perChoice.slice(0, -1).map((c) => c.dbMs)),
    },
    actionMs: {
      total: avg(actionPerChoice.slice(0, -1).map((c) => c.totalMs)),
      db: avg(actionPerChoice.slice(0, -1).map((c) => c.dbMs)),
    },
  });
}
// Durability as the app's own connection has it.
const synchronous = Number(
  (await prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous"))[0]?.synchronous,
);
const journalMode = String(
  (await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode"))[0]?.journal_mode,
);

// Query plans of the supervisor's pages and the CSV export, with the parameters the app really sent.
const raw = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { readonly: true });
raw.defaultSafeIntegers(true);
async function planned(work: () => Promise<unknown>) {
  log.length = 0;
  tracing = true;
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  const statements = [...log];
  tracing = false;
  const out = statements.map((r) => {
    let plan: string[] = [];
    if (/^(SELECT|WITH)/i.test(r.sql)) {
      try {
        plan = (raw.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(r.args) as { detail: string }[]).map((p) => p.detail);
      } catch (error) {
        plan = [`(no plan: ${(error as Error).message})`];
      }
    }
    return { sql: r.sql.length > 400 ? `${r.sql.slice(0, 400)}…` : r.sql, ms: Math.round(r.ms * 100) / 100, plan };
  });
  tracing = true;
  return {
    totalMs: Math.round(totalMs * 10) / 10,
    statements: out.length,
    dbMs: Math.round(out.reduce((a, r) => a + r.ms, 0) * 10) / 10,
    touchesAttempts: out.some(
      (r) =>
        r.plan.some((d) => /\b(Attempt|ChoiceEvent)\b/.test(d)) || /FROM `main`.`(Attempt|ChoiceEvent)`/.test(r.sql),
    ),
    queries: out,
  };
}
const userOf = async (email: string) => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as "supervisor",
    agencyId: u.agencyId,
    unitId: u.unitId,
  };
};
const { roster, parseRosterQuery } = await import("../app/certification/roster.server");
const { supervisedOfficerRecord } = await import("../app/certification/views.server");
const { attemptRows } = await import("../app/certification/attempts-export.server");
const rosterSupervisor = await userOf(meta.rosterSupervisors[0]!);
const chief = await userOf(meta.chiefSupervisor);
const rosterQuery = parseRosterQuery(
  new URLSearchParams("program=facilitator-level-1&status=certified&sort=validUntil"),
);
await roster(rosterSupervisor, rosterQuery); // warm caches (programs)
const historySupervisor = await userOf(meta.longHistoryOfficer.supervisor);
await supervisedOfficerRecord(historySupervisor, meta.longHistoryOfficer.id); // warm caches (modules, library)
const plans = {
  roster: await planned(() => roster(rosterSupervisor, rosterQuery)),
  rosterAgency: await planned(() => roster(chief, rosterQuery)),
  officer: await planned(() => supervisedOfficerRecord(historySupervisor, meta.longHistoryOfficer.id)),
  csvFirstBatch: await planned(async () => {
    let n = 0;
    for await (const row of attemptRows(chief)) {
      void row;
      if (++n >= 5000) break;
    }
  }),
};
raw.close();
await prisma.$disconnect();

const first = results[0]!;
const summary = {
  officer: officer.email,
  synchronous,
  journalMode,
  choose: {
    typical: first.typicalChoice.statements,
    final: first.finalChoice.statements,
    typicalSql: first.typicalChoice.sql,
    finalSql: first.finalChoice.sql,
  },
  action: {
    typical: first.actionTypical.statements,
    final: first.actionFinal.statements,
    typicalSql: first.actionTypical.sql,
  },
  perScenario: results.map((r) => ({
    slug: r.slug,
    choose: r.perChoice,
    action: r.actionPerChoice,
    chooseMs: r.chooseMs,
    actionMs: r.actionMs,
    finalChooseMs: Math.round(r.finalChoice.totalMs * 100) / 100,
  })),
  plans,
};
console.log(JSON.stringify(summary));
