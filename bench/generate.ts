// The benchmark's agency, generated deterministically (seeded PRNG, fixed reference date): 1 agency, 40 units,
// 10,000 officers, 200 supervisors, 1,000,000 scenario attempts with their choice events, module progress,
// knowledge-check attempts, practicum, sign-offs and the roster summary, spread over three years.
//
//   npx tsx bench/generate.ts [--out bench/data/bench.db] [--scale 1]
//
// Rows are written with raw better-sqlite3 in big transactions, exactly as the app stores them (DateTime as
// '2026-11-25T10:27:42.157+00:00', booleans as 0/1, ids like cuid). Everything derived is computed with the
// app's own code: attempt scores by replaying real paths through the engine and scoring, standings with
// computeStanding/summaryOf, password hashes with the app's argon2 settings, scenario versions from the
// compiled content cache.
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "../app/auth/password.server";
import {
  assessPool,
  practiceWouldClose,
  qualifyingAttempts,
  type AttemptEvidence,
} from "../app/certification/assessment";
import type { Program } from "../app/certification/format";
import { countPracticum } from "../app/certification/practicum";
import { allPrograms } from "../app/certification/programs.server";
import { addMonths, standingsFrom, summaryOf, type AllEvidence } from "../app/certification/status";
import { CONTENT_DIR } from "../app/content/paths.server";
import { databasePath } from "../app/db/database-url.js";
import { migrate, openDatabase } from "../app/db/migrate.js";
import { groupRowsOf, officerSummaryRows, type SummaryRow } from "../app/insight/competency-summary";
import { attemptPoints, competencyTallies, isCountedAttempt } from "../app/insight/profiles";
import { allModules } from "../app/modules/catalog.server";
import { gradeCheck } from "../app/modules/knowledge-check";
import type { CompiledScenario } from "../app/scenarios/compile";
import { compileScenarioCached, scenarioHash } from "../app/scenarios/compiled.server";
import { initialState, replay, step } from "../app/scenarios/engine";
import type { Competency } from "../app/scenarios/format";
import type { AttemptMode } from "../app/scenarios/modes";
import { resultOf } from "../app/scenarios/scoring";

/** Bump when the generated data changes shape, so the runner makes the database again. */
export const GENERATOR_VERSION = "5"; // 5: the competency summary (docs/decisions/0400)
export const BENCH_PASSWORD = "circlekeeper-bench-password";
const SEED = 20261125;
/** The data ends here and starts three years earlier; fixed so that every run generates the same rows. */
const ANCHOR = Date.UTC(2026, 10, 1);
const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;
const START = ANCHOR - 3 * YEAR;

// ---------------------------------------------------------------------------------------------- arguments
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const scale = Number(arg("scale", process.env.BENCH_SCALE ?? "1"));
const out = path.resolve(arg("out", scale === 1 ? "bench/data/bench.db" : `bench/data/bench-${scale}.db`));
const N_UNITS = Math.max(2, Math.round(40 * Math.min(1, scale * 10)));
const N_OFFICERS = Math.max(10, Math.round(10_000 * scale));
const N_SUPERVISORS = Math.max(3, Math.round(200 * scale));
const N_ATTEMPTS = Math.max(100, Math.round(1_000_000 * scale));
/** Officers with a long history (one per unit; the supervisor's officer page shows their newest 500). */
const LONG_HISTORY = Math.min(1500, Math.round(N_ATTEMPTS / N_OFFICERS) * 15);
const PATHS_PER_SCENARIO = 300;

// ---------------------------------------------------------------------------------------------- randomness
/** sfc32: small, fast, good enough, and the same sequence on every machine. */
function sfc32(a: number, b: number, c: number, d: number) {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
const rand = sfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, SEED);
for (let i = 0; i < 20; i++) rand();
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const chance = (p: number) => rand() < p;

const B36 = "0123456789abcdefghijklmnopqrstuvwxyz";
let idCounter = 0;
/** A cuid-shaped id (25 characters, starting with c), increasing in creation order like real cuids. */
function cuid(): string {
  let r = "c" + (idCounter++).toString(36).padStart(8, "0");
  for (let i = 0; i < 16; i++) r += B36[(rand() * 36) | 0];
  return r;
}
function uuid(): string {
  const h = [...Array(32)].map(() => B36[(rand() * 16) | 0]).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function verificationCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[(rand() * CODE_ALPHABET.length) | 0];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}
/** Prisma's text form of a DateTime in SQLite. */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

const FIRST = [
  "Alex",
  "Sam",
  "Jordan",
  "Priya",
  "Morgan",
  "Dana",
  "Casey",
  "Thao",
  "Miguel",
  "Aisha",
  "Luke",
  "Rena",
  "Daniel",
  "Maria",
  "Tomas",
  "Keisha",
  "Omar",
  "Ingrid",
  "Wei",
  "Fatima",
  "Liam",
  "Noor",
  "Grace",
  "Diego",
  "Hana",
  "Kofi",
  "Elena",
  "Ravi",
  "Sofia",
  "Jamal",
  "Chloe",
  "Yusuf",
  "Anya",
  "Mateo",
  "Leila",
  "Ethan",
  "Zara",
  "Felix",
  "Ama",
  "Jonas",
];
const LAST = [
  "Rivera",
  "Okoro",
  "Ellis",
  "Nair",
  "Hale",
  "Whitfield",
  "Morgan",
  "Nguyen",
  "Garcia",
  "Johnson",
  "Kowalski",
  "Begay",
  "Osei",
  "Okafor",
  "Lindqvist",
  "Brown",
  "Haddad",
  "Svensson",
  "Chen",
  "Rahman",
  "Murphy",
  "Khan",
  "Kim",
  "Lopez",
  "Sato",
  "Mensah",
  "Petrova",
  "Patel",
  "Rossi",
  "Williams",
  "Dubois",
  "Yilmaz",
  "Ivanova",
  "Fernandez",
  "Mansour",
  "Walker",
  "Ali",
  "Becker",
  "Owusu",
  "Schmidt",
];
const name = () => `${pick(FIRST)} ${pick(LAST)}`;

// ---------------------------------------------------------------------------------------------- content
interface PathInfo {
  steps: { nodeId: string; choiceId: string }[];
  choicesJson: string;
  endingId: string;
  score: number;
  passed: boolean;
  criticalErrors: number;
  competencyScores: Partial<Record<Competency, number>>;
  competencyJson: string;
}
interface ScenarioInfo {
  slug: string;
  versionId: string;
  source: string;
  hash: string;
  compiled: CompiledScenario;
  /** distinct complete paths, best score first */
  paths: PathInfo[];
  weight: number;
}

/** Distinct complete plays: random walks from careless to careful, each replayed and scored by the app's code. */
function playablePaths(compiled: CompiledScenario): PathInfo[] {
  const { scenario } = compiled;
  const seen = new Map<string, PathInfo>();
  for (let tries = 0; tries < PATHS_PER_SCENARIO * 20 && seen.size < PATHS_PER_SCENARIO; tries++) {
    const care = rand();
    let state = initialState(scenario);
    const ids: string[] = [];
    for (let guard = 0; guard < 200; guard++) {
      const node = scenario.nodes[state.nodeId]!;
      if (node.ending) break;
      const scored = node.choices.map((c) => ({
        c,
        v: Object.values(c.scores).reduce((a, b) => a + (b ?? 0), 0) - (c.critical ? 10 : 0),
      }));
      scored.sort((x, y) => y.v - x.v);
      const choice = chance(care) ? scored[0]!.c : pick(node.choices);
      const result = step(scenario, state, choice.id);
      if (!result.ok) break;
      state = result.state;
      ids.push(choice.id);
    }
    const key = ids.join(" ");
    if (seen.has(key)) continue;
    const replayed = replay(scenario, ids);
    if (!replayed.ok) throw new Error(`generated path does not replay in ${scenario.slug}`);
    const res = resultOf(scenario, compiled, replayed.state);
    if (!res) continue; // did not reach an ending (a loop): not a complete play
    seen.set(key, {
      steps: replayed.state.path,
      choicesJson: JSON.stringify(ids),
      endingId: res.endingId,
      score: res.score,
      passed: res.passed,
      criticalErrors: res.criticalErrors.length,
      competencyScores: res.competencyScores,
      competencyJson: JSON.stringify(res.competencyScores),
    });
  }
  return [...seen.values()].sort((a, b) => b.score - a.score || (a.choicesJson < b.choicesJson ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const started = performance.now();
  const programs = allPrograms();
  // Modules are read as their published versions, from the app's own database: bring it up to date first, as
  // the server's start-up would.
  const appDb = openDatabase(databasePath());
  migrate(appDb);
  appDb.close();
  const modules = (await allModules())
    .filter((m) => m.compiled)
    .map((m) => ({
      slug: m.slug,
      hash: m.hash,
      order: m.compiled!.frontmatter.order,
      questions: m.compiled!.frontmatter.knowledgeCheck,
      passMark: m.compiled!.frontmatter.passMark,
    }));
  modules.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  const level1Slugs = new Set(programs.find((p) => p.level === 1)?.requirements.scenarios.flatMap((s) => s.pool) ?? []);
  const initialPools = programs.flatMap((p) => p.requirements.scenarios);

  const scenarioDir = path.join(CONTENT_DIR, "scenarios");
  const scenarios: ScenarioInfo[] = [];
  for (const file of fs
    .readdirSync(scenarioDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const source = fs.readFileSync(path.join(scenarioDir, file), "utf8");
    const { compiled } = compileScenarioCached(path.join("content", "scenarios", file), source);
    if (!compiled) throw new Error(`content/scenarios/${file} does not compile; run npm run content:check`);
    const slug = path.basename(file, ".yaml");
    scenarios.push({
      slug,
      versionId: "",
      source,
      hash: scenarioHash(source),
      compiled,
      paths: playablePaths(compiled),
      weight: level1Slugs.has(slug) ? 1.6 : 1,
    });
  }
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const prepSeconds = (performance.now() - started) / 1000;

  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const db = openDatabase(tmp);
  migrate(db);
  // Bulk load: no journal, no fsync, a big page cache. The file is switched back to WAL at the end, and the
  // server opens it with its own settings (WAL, synchronous=FULL).
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1000000");
  db.pragma("temp_store = MEMORY");
  db.pragma("foreign_keys = OFF");

  const q = {
    agency: db.prepare(`INSERT INTO Agency (id, name, createdAt) VALUES (?, ?, ?)`),
    unit: db.prepare(`INSERT INTO Unit (id, name, agencyId) VALUES (?, ?, ?)`),
    user: db.prepare(
      `INSERT INTO User (id, email, name, role, agencyId, unitId, passwordHash, passwordChangedAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    supervised: db.prepare(`INSERT INTO SupervisedUnit (supervisorId, unitId) VALUES (?, ?)`),
    version: db.prepare(
      `INSERT INTO ScenarioVersion (id, scenarioSlug, number, hash, source, compiled, origin, title, publishedAt, authorId, reviewerId) VALUES (?, ?, 1, ?, ?, ?, 'content', ?, ?, NULL, NULL)`,
    ),
    attempt: db.prepare(
      `INSERT INTO Attempt (id, userId, scenarioVersionId, scenarioSlug, status, choices, choiceCount, endingId, score, passed, criticalErrors, competencyScores, startedAt, updatedAt, finishedAt, mode, retakeAuthorizationId) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    retake: db.prepare(
      `INSERT INTO RetakeAuthorization (id, officerId, failedAttemptId, authorizedById, comment, createdAt) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    event: db.prepare(`INSERT INTO ChoiceEvent (attemptId, position, nodeId, choiceId, at) VALUES (?, ?, ?, ?, ?)`),
    progress: db.prepare(
      `INSERT INTO ModuleProgress (userId, moduleSlug, status, lastAnchor, bestScore, passedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    check: db.prepare(
      `INSERT INTO CheckAttempt (id, userId, moduleSlug, moduleHash, answers, score, passed, submissionKey, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    practicum: db.prepare(
      `INSERT INTO PracticumEntry (id, officerId, date, kind, processType, role, participantCount, outcome, logWhatHappened, logWentWell, logWouldChange, logSupportNeeded, status, reviewerId, reviewComment, reviewedAt, submissionKey, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    signOff: db.prepare(
      `INSERT INTO SignOff (id, officerId, programSlug, supervisorId, comment, signedAt, validUntil, kind, evidence, verificationCode, revokedAt, revokedById, revokeReason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    standing: db.prepare(
      `INSERT INTO OfficerStanding (officerId, programSlug, unitId, officerName, status, validUntil, renewalReady, readyAt, expiringDays, metCount, requiredCount, awaitingRetake, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    officerCompetency: db.prepare(
      `INSERT INTO OfficerCompetency (officerId, competency, points, total, meanMicro, countedAgencyId, countedUnitId) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    groupCompetency: db.prepare(
      `INSERT INTO GroupCompetency (scopeKind, scopeId, competency, officers, meanMicroSum) VALUES (?, ?, ?, ?, ?)`,
    ),
    summaryBackfill: db.prepare(`INSERT INTO SummaryBackfill (name, doneAt) VALUES ('competency-summary', ?)`),
    audit: db.prepare(
      `INSERT INTO AuditEntry (id, at, actorId, action, subjectId, officerId, unitId, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  // ---- agency, units, staff, scenario versions
  const agencyId = cuid();
  const units: { id: string; name: string; weight: number; officers: number; supervisors: string[] }[] = [];
  const supervisors: { id: string; email: string; units: string[] }[] = [];
  const staffTime = iso(START - 30 * DAY);
  db.transaction(() => {
    q.agency.run(agencyId, "Bench County Sheriff's Office", staffTime);
    for (let i = 0; i < N_UNITS; i++) {
      const u = {
        id: cuid(),
        name: `${i < 4 ? "Central" : "District"} ${String(i + 1).padStart(2, "0")}`,
        weight: i < 4 ? 3 : 1,
        officers: 0,
        supervisors: [] as string[],
      };
      q.unit.run(u.id, u.name, agencyId);
      units.push(u);
    }
    q.user.run(
      cuid(),
      "admin@bench.example.org",
      "Bench Admin",
      "admin",
      agencyId,
      null,
      passwordHash,
      staffTime,
      staffTime,
    );
    for (let i = 0; i < 5; i++)
      q.user.run(
        cuid(),
        `trainer${i}@bench.example.org`,
        name(),
        "trainer",
        agencyId,
        units[0]!.id,
        passwordHash,
        staffTime,
        staffTime,
      );
    // Supervisor 0 oversees the whole agency; the others one to four units each, every unit covered.
    for (let i = 0; i < N_SUPERVISORS; i++) {
      const id = cuid();
      const own = i === 0 ? units.map((u) => u.id) : [units[(i - 1) % N_UNITS]!.id];
      if (i > 0)
        for (let k = int(0, 3); k > 0; k--) {
          const u = pick(units).id;
          if (!own.includes(u)) own.push(u);
        }
      q.user.run(
        id,
        `supervisor${i}@bench.example.org`,
        name(),
        "supervisor",
        agencyId,
        own[0]!,
        passwordHash,
        staffTime,
        staffTime,
      );
      for (const u of own) {
        q.supervised.run(id, u);
        units.find((x) => x.id === u)!.supervisors.push(id);
      }
      supervisors.push({ id, email: `supervisor${i}@bench.example.org`, units: own });
    }
    for (const s of scenarios) {
      s.versionId = cuid();
      q.version.run(
        s.versionId,
        s.slug,
        s.hash,
        s.source,
        JSON.stringify(s.compiled),
        s.compiled.scenario.title,
        iso(START - 60 * DAY),
      );
    }
  })();

  // ---- officers: quotas of attempts that add up to exactly N_ATTEMPTS
  const unitWeights = units.map((u) => u.weight);
  const totalWeight = unitWeights.reduce((a, b) => a + b, 0);
  const officerUnit: number[] = [];
  for (let i = 0; i < N_OFFICERS; i++) {
    let r = rand() * totalWeight;
    let k = 0;
    while (r >= unitWeights[k]!) r -= unitWeights[k++]!;
    officerUnit.push(k);
  }
  const longHistory = new Set<number>();
  for (let k = 0; k < N_UNITS; k++) {
    const i = officerUnit.indexOf(k);
    if (i >= 0) longHistory.add(i);
  }
  const quota = new Array<number>(N_OFFICERS).fill(0);
  let rest = N_ATTEMPTS - longHistory.size * LONG_HISTORY;
  const raw = officerUnit.map((_, i) => (longHistory.has(i) ? 0 : 0.15 + rand() * 1.7));
  const rawSum = raw.reduce((a, b) => a + b, 0);
  for (let i = 0; i < N_OFFICERS; i++)
    quota[i] = longHistory.has(i) ? LONG_HISTORY : Math.floor((rest * raw[i]!) / rawSum);
  rest = N_ATTEMPTS - quota.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % N_OFFICERS)
    if (!longHistory.has(i)) {
      quota[i]!++;
      rest--;
    }

  const scenarioWeights = scenarios.map((s) => s.weight);
  const scenarioWeightSum = scenarioWeights.reduce((a, b) => a + b, 0);
  const pickScenario = () => {
    let r = rand() * scenarioWeightSum;
    let k = 0;
    while (r >= scenarioWeights[k]!) r -= scenarioWeights[k++]!;
    return scenarios[k]!;
  };

  const counts = {
    attempts: 0,
    assessedAttempts: 0,
    retakeAuthorizations: 0,
    choiceEvents: 0,
    moduleProgress: 0,
    checkAttempts: 0,
    practicum: 0,
    signOffs: 0,
    standings: 0,
    audit: 0,
  };
  const statusTally: Record<string, Record<string, number>> = {};
  const officers: { id: string; email: string; unitId: string; attempts: number }[] = [];

  const writeOfficer = (i: number) => {
    const unit = units[officerUnit[i]!]!;
    const id = cuid();
    const email = `officer${i}@bench.example.org`;
    const officerName = name();
    const hired = START - int(0, 400) * DAY;
    q.user.run(id, email, officerName, "officer", agencyId, unit.id, passwordHash, iso(hired), iso(hired));
    unit.officers++;
    officers.push({ id, email, unitId: unit.id, attempts: quota[i]! });
    const reviewer = () => pick(unit.supervisors);

    // Modules: the first k in catalogue order, passed one after another over the officer's time.
    const evidence: AllEvidence = {
      modulesPassed: [],
      attempts: [],
      retakeAuthorizations: [],
      practicum: [],
      observations: [],
      cpd: [],
      caseStudies: [],
      signOffs: [],
    };
    const passedCount = chance(0.12) ? 0 : int(1, modules.length);
    let t = START + rand() * YEAR;
    for (let m = 0; m < modules.length; m++) {
      const mod = modules[m]!;
      if (m < passedCount) {
        t += rand() * 40 * DAY;
        if (chance(0.3)) {
          // A failed try first: two answers wrong.
          const answers: Record<string, string> = {};
          mod.questions.forEach((qq, n) => {
            answers[qq.id] = n < 2 ? (qq.options.find((o) => o.id !== qq.answer)?.id ?? qq.answer) : qq.answer;
          });
          const graded = gradeCheck(mod.questions, answers, mod.passMark);
          q.check.run(
            cuid(),
            id,
            mod.slug,
            mod.hash,
            JSON.stringify(answers),
            graded.score,
            graded.passed ? 1 : 0,
            uuid(),
            iso(t - DAY),
          );
          counts.checkAttempts++;
        }
        const answers = Object.fromEntries(mod.questions.map((qq) => [qq.id, qq.answer]));
        const graded = gradeCheck(mod.questions, answers, mod.passMark);
        q.check.run(cuid(), id, mod.slug, mod.hash, JSON.stringify(answers), graded.score, 1, uuid(), iso(t));
        q.progress.run(id, mod.slug, "passed", null, graded.score, iso(t), iso(t));
        evidence.modulesPassed.push({ slug: mod.slug, passedAt: new Date(iso(t)) });
        counts.checkAttempts++;
        counts.moduleProgress++;
      } else if (m === passedCount && chance(0.5)) {
        q.progress.run(id, mod.slug, "in_progress", chance(0.5) ? "introduction" : null, null, null, iso(t + DAY));
        counts.moduleProgress++;
      }
    }

    // Attempts, in time order; skill grows with practice.
    const n = quota[i]!;
    const times: number[] = [];
    const from = START + rand() * 0.4 * YEAR;
    for (let k = 0; k < n; k++) times.push(from + rand() * (ANCHOR - DAY - from));
    times.sort((a, b) => a - b);
    const talent = rand();
    const lastOf = new Map<string, number>();
    const plan = times.map((at, k) => {
      const s = pickScenario();
      lastOf.set(s.slug, k);
      return { at, s };
    });
    // Modes follow the app's rules (app/certification/assessment.ts) for the initial requirements: an assessed
    // attempt only where it can count, more often as the officer progresses; a practice attempt never where
    // the app would refuse it; after a failed assessment with nothing left, a supervisor may authorize a retake.
    const settled = new Set<number>();
    const openSlugs = new Set<string>();
    // null: the app would refuse a practice attempt here, and no retake was authorized.
    const spentRetakes = new Set<string>();
    const modeFor = (
      slug: string,
      at: number,
      progress: number,
      mayAuthorize: boolean,
    ): { mode: AttemptMode; retake: string | null } | null => {
      for (const [index, req] of initialPools.entries()) {
        if (settled.has(index) || !req.pool.includes(slug)) continue;
        const pool = assessPool(req, evidence.attempts, evidence.retakeAuthorizations, null);
        if (pool.state === "met") {
          settled.add(index);
          continue;
        }
        const wouldClose = practiceWouldClose(
          req,
          evidence.attempts,
          evidence.retakeAuthorizations,
          null,
          slug,
          new Date(at),
        );
        // assessPool sees only this pool's attempts, so an authorization already spent in another pool can be
        // offered again; the database refuses a second use (Attempt.retakeAuthorizationId is unique).
        const eligible = pool.eligible.find(
          (e) => e.slug === slug && !(e.retakeAuthorizationId && spentRetakes.has(e.retakeAuthorizationId)),
        );
        if (eligible && (wouldClose || chance(0.15 + 0.6 * progress)))
          return { mode: "assessed", retake: eligible.retakeAuthorizationId };
        const practiced = pool.played.find((x) => x.slug === slug)?.practiced ?? false;
        if (pool.state === "awaiting_retake" && !practiced && (chance(0.3) || (wouldClose && mayAuthorize))) {
          const authorizationId = cuid();
          const by = reviewer();
          const when = Math.max(pool.lastFailure!.at.getTime() + 60_000, at - int(1, 3) * DAY);
          q.retake.run(
            authorizationId,
            id,
            pool.lastFailure!.attemptId,
            by,
            "Discussed the debrief with the officer; one more attempt is fair.",
            iso(when),
          );
          q.audit.run(
            cuid(),
            iso(when),
            by,
            "assessment.retake_authorized",
            authorizationId,
            id,
            unit.id,
            JSON.stringify({ assessment: "not passed" }),
            JSON.stringify({
              skill: req.skill,
              failedAttempt: pool.lastFailure!.attemptId,
              comment: "Discussed the debrief with the officer; one more attempt is fair.",
            }),
          );
          evidence.retakeAuthorizations.push({ id: authorizationId, failedAttemptId: pool.lastFailure!.attemptId });
          counts.retakeAuthorizations++;
          counts.audit++;
          return { mode: "assessed", retake: authorizationId };
        }
        if (wouldClose) return null;
      }
      return { mode: "practice", retake: null };
    };
    plan.forEach((planned, k) => {
      const { at } = planned;
      const skill = Math.min(1, (k / Math.max(1, n)) * 0.7 + talent * 0.5);
      // Where the app would refuse the practice, the officer plays another scenario (or, failing that, is given a retake).
      let s = planned.s;
      let decided = modeFor(s.slug, at, skill, false);
      for (const other of decided ? [] : scenarios) {
        // only a scenario with no attempt planned later and none left open, so at most one attempt is ever open
        if (other.slug === planned.s.slug || (lastOf.get(other.slug) ?? -1) > k || openSlugs.has(other.slug)) continue;
        decided = modeFor(other.slug, at, skill, false);
        if (decided) {
          s = other;
          break;
        }
      }
      // (A practice attempt only in the rare case where the one retake offered was already spent elsewhere.)
      const { mode, retake } = decided ??
        modeFor(s.slug, at, skill, true) ?? { mode: "practice" as const, retake: null };
      // An assessment is taken with more care than practice.
      const progress = Math.min(1, (k / Math.max(1, n)) * 0.7 + talent * 0.5 + (mode === "assessed" ? 0.25 : 0));
      const p = s.paths[Math.floor(s.paths.length * rand() ** (0.6 + 3 * progress))]!;
      const open = s === planned.s && lastOf.get(s.slug) === k && chance(0.05);
      if (open) openSlugs.add(s.slug);
      const status = open ? "in_progress" : chance(mode === "assessed" ? 0.03 : 0.12) ? "left" : "completed";
      const made = status === "completed" ? p.steps.length : int(status === "left" ? 1 : 0, p.steps.length - 1);
      const attemptId = cuid();
      let when = at;
      for (let pos = 0; pos < made; pos++) {
        when += int(15_000, 120_000);
        const st = p.steps[pos]!;
        q.event.run(attemptId, pos, st.nodeId, st.choiceId, iso(when));
      }
      counts.choiceEvents += made;
      const choices =
        made === p.steps.length ? p.choicesJson : JSON.stringify(p.steps.slice(0, made).map((x) => x.choiceId));
      const base = {
        id: attemptId,
        scenarioSlug: s.slug,
        mode,
        startedAt: new Date(iso(at)),
        retakeAuthorizationId: retake,
      };
      if (retake) spentRetakes.add(retake);
      if (status === "completed") {
        q.attempt.run(
          attemptId,
          id,
          s.versionId,
          s.slug,
          status,
          choices,
          made,
          p.endingId,
          p.score,
          p.passed ? 1 : 0,
          p.criticalErrors,
          p.competencyJson,
          iso(at),
          iso(when),
          iso(when),
          mode,
          retake,
        );
        evidence.attempts.push({
          ...base,
          status,
          score: p.score,
          passed: p.passed,
          competencyScores: p.competencyScores,
          finishedAt: new Date(iso(when)),
        });
      } else {
        const end = status === "left" ? when + int(5_000, 60_000) : null;
        q.attempt.run(
          attemptId,
          id,
          s.versionId,
          s.slug,
          status,
          choices,
          made,
          null,
          null,
          null,
          0,
          null,
          iso(at),
          iso(end ?? when),
          end === null ? null : iso(end),
          mode,
          retake,
        );
        evidence.attempts.push({
          ...base,
          status,
          score: null,
          passed: null,
          competencyScores: {},
          finishedAt: end === null ? null : new Date(iso(end)),
        });
      }
      counts.attempts++;
      if (mode === "assessed") counts.assessedAttempts++;
    });

    // Practicum: confirmed by a supervisor of the unit; a few returned or waiting.
    const entries = passedCount >= 6 ? int(0, 7) : chance(0.2) ? 1 : 0;
    for (let k = 0; k < entries + (chance(0.15) ? 1 : 0); k++) {
      const date = START + YEAR * 0.5 + rand() * (ANCHOR - START - YEAR * 0.5 - 20 * DAY);
      const status = k < entries ? "confirmed" : pick(["submitted", "returned"]);
      const entryId = cuid();
      const by = status === "submitted" ? null : reviewer();
      const reviewedAt = by ? date + int(1, 14) * DAY : null;
      const kind = pick(["pre-meeting", "joint-meeting", "joint-meeting", "indirect-dialogue", "circle"] as const);
      const role = pick(["Co-facilitator", "Lead facilitator"] as const);
      const log = kind === "joint-meeting" || kind === "circle" || chance(0.3);
      q.practicum.run(
        entryId,
        id,
        iso(date),
        kind,
        pick(["Victim-offender dialogue", "Community conference", "Restorative circle"]),
        role,
        int(2, 9),
        "Agreement reached; follow-up planned.",
        ...(log
          ? [
              "Both parties spoke and an agreement was written.",
              "Preparation with each party made the meeting calmer.",
              "I would check in with the supporters earlier.",
              "None for now.",
            ]
          : [null, null, null, null]),
        status,
        by,
        status === "returned" ? "Add what you would do differently." : null,
        reviewedAt === null ? null : iso(reviewedAt),
        uuid(),
        iso(date + DAY),
      );
      counts.practicum++;
      if (by && reviewedAt !== null) {
        q.audit.run(
          cuid(),
          iso(reviewedAt),
          by,
          status === "confirmed" ? "practicum.confirmed" : "practicum.returned",
          entryId,
          id,
          unit.id,
          JSON.stringify({ status: "submitted" }),
          JSON.stringify({ status, comment: null }),
        );
        counts.audit++;
      }
      if (status === "confirmed" && reviewedAt !== null)
        evidence.practicum.push({
          id: entryId,
          date: new Date(iso(date)),
          confirmedAt: new Date(iso(reviewedAt)),
          kind,
          role,
          hasReflectiveLog: log,
        });
    }
    evidence.practicum.sort((a, b) => a.confirmedAt.getTime() - b.confirmedAt.getTime());

    // Sign-offs: when every other requirement of a program was met, a supervisor usually signed off soon after.
    for (const program of programs) {
      const readyAt = readyTime(program, evidence);
      if (readyAt === null || !chance(0.85)) continue;
      const signedAt = readyAt + int(1, 25) * DAY;
      if (signedAt >= ANCHOR) continue;
      const validUntil = addMonths(new Date(signedAt), program.validForMonths).getTime();
      const before = standingsFrom(upTo(evidence, signedAt), programs, new Date(signedAt)).get(program.slug)!;
      if (before.status !== "ready_for_sign_off") continue;
      const by = reviewer();
      const signOffId = cuid();
      const revoked = chance(0.01) ? Math.min(ANCHOR - DAY, signedAt + int(10, 300) * DAY) : null;
      q.signOff.run(
        signOffId,
        id,
        program.slug,
        by,
        "All requirements met; observed facilitation was sound.",
        iso(signedAt),
        iso(validUntil),
        "initial",
        JSON.stringify(before.requirements),
        verificationCode(),
        revoked === null ? null : iso(revoked),
        revoked === null ? null : by,
        revoked === null ? null : "Conduct outside the program's standards.",
      );
      q.audit.run(
        cuid(),
        iso(signedAt),
        by,
        "certification.signed_off",
        signOffId,
        id,
        unit.id,
        JSON.stringify({ status: before.status }),
        JSON.stringify({
          program: program.slug,
          kind: "initial",
          validUntil: new Date(validUntil).toISOString(),
          comment: "All requirements met; observed facilitation was sound.",
        }),
      );
      counts.signOffs++;
      counts.audit++;
      if (revoked !== null) {
        q.audit.run(
          cuid(),
          iso(revoked),
          by,
          "certification.revoked",
          signOffId,
          id,
          unit.id,
          JSON.stringify({ revoked: false }),
          JSON.stringify({ revoked: true, program: program.slug, reason: "Conduct outside the program's standards." }),
        );
        counts.audit++;
      }
      evidence.signOffs.push({
        id: signOffId,
        programSlug: program.slug,
        signedAt: new Date(iso(signedAt)),
        validUntil: new Date(iso(validUntil)),
        revokedAt: revoked === null ? null : new Date(iso(revoked)),
        revokeReason: revoked === null ? null : "Conduct outside the program's standards.",
      });
    }

    // The roster summary, exactly as recomputeStandings writes it.
    const standings = standingsFrom(evidence, programs, new Date(ANCHOR));
    for (const program of programs) {
      const standing = standings.get(program.slug)!;
      const summary = summaryOf(standing);
      q.standing.run(
        id,
        program.slug,
        unit.id,
        officerName,
        summary.status,
        summary.validUntil ? iso(summary.validUntil.getTime()) : null,
        summary.renewalReady ? 1 : 0,
        summary.readyAt ? iso(summary.readyAt.getTime()) : null,
        program.expiringWindowDays,
        standing.metCount,
        standing.requiredCount,
        standing.awaitingRetake,
        iso(ANCHOR),
      );
      counts.standings++;
      const tally = (statusTally[program.slug] ??= {});
      tally[standing.status] = (tally[standing.status] ?? 0) + 1;
    }

    // The competency summary, from the app's own rule (app/insight/profiles.ts, competency-summary.ts).
    const points = evidence.attempts.flatMap((a) =>
      isCountedAttempt(a) ? attemptPoints(id, JSON.stringify(a.competencyScores), a.finishedAt ?? a.startedAt) : [],
    );
    const placement = { role: "officer", agencyId, unitId: unit.id };
    const summary = officerSummaryRows(id, competencyTallies(points).get(id) ?? new Map(), placement);
    for (const r of summary)
      q.officerCompetency.run(id, r.competency, r.points, r.total, r.meanMicro, r.countedAgencyId, r.countedUnitId);
    summaryRows.push(summary);
  };
  const summaryRows: SummaryRow[][] = [];

  const BATCH = 250;
  for (let i = 0; i < N_OFFICERS; i += BATCH) {
    db.transaction(() => {
      for (let k = i; k < Math.min(N_OFFICERS, i + BATCH); k++) writeOfficer(k);
    })();
    if (process.stdout.isTTY)
      process.stdout.write(
        `\r  officers ${Math.min(N_OFFICERS, i + BATCH)}/${N_OFFICERS}, attempts ${counts.attempts}`,
      );
  }
  if (process.stdout.isTTY) process.stdout.write("\n");
  // The unit and agency sums of the competency summary, and its mark: no start-up back-fill on this database.
  db.transaction(() => {
    for (const g of groupRowsOf(summaryRows))
      q.groupCompetency.run(g.scopeKind, g.scopeId, g.competency, g.officers, g.meanMicroSum);
    q.summaryBackfill.run(iso(ANCHOR));
  })();
  db.pragma("journal_mode = WAL");
  db.close();
  for (const f of [out, `${out}-wal`, `${out}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(tmp, out);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });

  // What the runner needs: who to sign in as, which unit is large, which officer has a long history.
  const largest = [...units].sort((a, b) => b.officers - a.officers)[0]!;
  const longOfficer = officers.find((o, i) => longHistory.has(i) && o.unitId === largest.id) ?? officers[0]!;
  const seconds = (performance.now() - started) / 1000;
  const meta = {
    generatorVersion: GENERATOR_VERSION,
    seed: SEED,
    scale,
    anchor: new Date(ANCHOR).toISOString(),
    password: BENCH_PASSWORD,
    sizes: {
      units: N_UNITS,
      officers: N_OFFICERS,
      supervisors: N_SUPERVISORS,
      ...counts,
      distinctPaths: Object.fromEntries(scenarios.map((s) => [s.slug, s.paths.length])),
    },
    statusTally,
    largeUnit: {
      id: largest.id,
      name: largest.name,
      officers: largest.officers,
      attempts: officers.filter((o) => o.unitId === largest.id).reduce((a, o) => a + o.attempts, 0),
    },
    longHistoryOfficer: {
      id: longOfficer.id,
      email: longOfficer.email,
      attempts: longOfficer.attempts,
      supervisor:
        supervisors.find((s) => s.id !== supervisors[0]!.id && s.units.includes(longOfficer.unitId))?.email ??
        supervisors[0]!.email,
    },
    chiefSupervisor: supervisors[0]!.email,
    largeUnitSupervisor:
      supervisors.find((s) => s.id !== supervisors[0]!.id && s.units.includes(largest.id))?.email ??
      supervisors[0]!.email,
    rosterSupervisors: [...supervisors.slice(1)]
      .sort((a, b) => b.units.length - a.units.length || a.email.localeCompare(b.email))
      .slice(0, 5)
      .map((s) => s.email),
    // Ordinary officers (not the long-history ones) in id order, for the module page and choice runs.
    officers: officers
      .filter((_, i) => !longHistory.has(i))
      .slice(0, 400)
      .map((o) => ({ id: o.id, email: o.email })),
    scenarios: scenarios.map((s) => ({
      slug: s.slug,
      versionId: s.versionId,
      paths: s.paths.slice(0, 60).map((p) => p.steps.map((x) => x.choiceId)),
    })),
    modules: modules.map((m) => m.slug),
    prepSeconds: round(prepSeconds),
    generationSeconds: round(seconds),
    bytes: fs.statSync(out).size,
  };
  fs.writeFileSync(`${out}.meta.json`, JSON.stringify(meta, null, 2));
  console.log(
    `Generated ${out} in ${meta.generationSeconds} s (${(meta.bytes / 1e9).toFixed(2)} GB): ${N_OFFICERS} officers, ${counts.attempts} attempts, ${counts.choiceEvents} choice events, ${counts.standings} standing rows`,
  );
}

const round = (x: number) => Math.round(x * 10) / 10;

/** An attempt as it stood at `t`: one that finished later was still in progress then. */
function attemptAt(a: AttemptEvidence, t: number): AttemptEvidence {
  if (a.finishedAt === null || a.finishedAt.getTime() <= t) return a;
  return { ...a, status: "in_progress", finishedAt: null, score: null, passed: null, competencyScores: {} };
}

/** The officer's evidence as it stood at `t`. */
function upTo(evidence: Parameters<typeof standingsFrom>[0], t: number): Parameters<typeof standingsFrom>[0] {
  return {
    modulesPassed: evidence.modulesPassed.filter((m) => m.passedAt.getTime() <= t),
    attempts: evidence.attempts.filter((a) => a.startedAt.getTime() <= t).map((a) => attemptAt(a, t)),
    // an authorization exists once its retake was started (it is created before it)
    retakeAuthorizations: evidence.retakeAuthorizations.filter((r) =>
      evidence.attempts.some((a) => a.retakeAuthorizationId === r.id && a.startedAt.getTime() <= t),
    ),
    practicum: evidence.practicum.filter((p) => p.confirmedAt.getTime() <= t),
    observations: evidence.observations.filter((o) => o.observedOn.getTime() <= t),
    cpd: evidence.cpd.filter((c) => c.date.getTime() <= t),
    caseStudies: evidence.caseStudies.filter((c) => c.acceptedAt.getTime() <= t),
    signOffs: evidence.signOffs.filter((s) => s.signedAt.getTime() <= t),
  };
}

/** When every requirement but the sign-off was first met (null if never, or if a prerequisite program is not held). */
function readyTime(program: Program, evidence: Parameters<typeof standingsFrom>[0]): number | null {
  const times: number[] = [];
  for (const slug of program.requirements.modules) {
    const m = evidence.modulesPassed.find((x) => x.slug === slug);
    if (!m) return null;
    times.push(m.passedAt.getTime());
  }
  for (const req of program.requirements.scenarios) {
    const qualifying = qualifyingAttempts(req, evidence.attempts, evidence.retakeAuthorizations, null);
    if (!qualifying.length) return null;
    times.push(Math.min(...qualifying.map((a) => a.finishedAt!.getTime())));
  }
  for (const req of program.requirements.practicum) {
    const matching = evidence.practicum.filter(
      (e) =>
        countPracticum([e], { kinds: req.kinds, roles: req.roles, withReflectiveLog: req.withReflectiveLog }) === 1,
    );
    const nth = matching[req.count - 1];
    if (!nth) return null;
    times.push(nth.confirmedAt.getTime());
  }
  // The generator records no observations (yet): a program that asks for one is never ready here.
  if (program.requirements.observations.length) return null;
  for (const held of program.requirements.heldPrograms) {
    const since = evidence.signOffs.find((s) => s.programSlug === held.program && !s.revokedAt);
    if (!since) return null;
    times.push(addMonths(since.signedAt, held.months).getTime());
  }
  for (const slug of program.prerequisitePrograms) {
    const held = evidence.signOffs.find((s) => s.programSlug === slug && !s.revokedAt);
    if (!held) return null;
    times.push(held.signedAt.getTime());
  }
  return times.length ? Math.max(...times) : null;
}

await main();
