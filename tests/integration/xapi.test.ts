// xAPI statements: written in the event's transaction, valid by an independent validator (xapi-validation, in a
// real HTTP LRS), delivered in batches, kept through an outage and a killed process, never stored twice.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isRole, type SessionUser } from "../../app/auth/roles";
import { recomputeStandings } from "../../app/certification/evidence.server";
import { sendExpiryReminders } from "../../app/certification/expiry-reminders.server";
import { recordObservation } from "../../app/certification/observations.server";
import { allPrograms } from "../../app/certification/programs.server";
import { revoke } from "../../app/certification/sign-off.server";
import { prisma } from "../../app/db/db.server";
import { deliverQueuedStatements } from "../../app/jobs/xapi-outbox.server";
import { publishedModules } from "../../app/modules/catalog.server";
import { action as lrsAction, loader as lrsLoader } from "../../app/routes/admin.learning-records";
import { action as moduleAction, loader as moduleLoader } from "../../app/routes/modules.$slug";
import { loader as profileLoader } from "../../app/routes/xapi.profile";
import { choose, findOwnAttempt, startOrResume } from "../../app/scenarios/attempts.server";
import { createScenarioMachine, replayMachine } from "../../app/scenarios/machine";
import { openSecret } from "../../app/secrets/secret-box.server";
import { xapiDeliveryStatus } from "../../app/xapi/delivery.server";
import { saveLrsSettings } from "../../app/xapi/lrs-config.server";
import { profileDocument } from "../../app/xapi/profile";
import { cookieFor, get, post, run, seedOnce } from "../support/app";
import { observationFields } from "../support/observations";
import { startTestLrs, type TestLrs } from "../support/test-lrs";

async function sessionUser(email: string): Promise<SessionUser> {
  const u = await prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, role: true, agencyId: true, unitId: true },
  });
  if (!isRole(u.role)) throw new Error("bad role");
  return { ...u, role: u.role };
}

let lrs: TestLrs, admin: SessionUser, supervisor: SessionUser, officer: SessionUser;

beforeAll(async () => {
  await seedOnce();
  admin = await sessionUser("admin@example.org");
  supervisor = await sessionUser("supervisor@example.org");
  const colleague = await sessionUser("officer@example.org");
  await prisma.user.create({
    data: {
      email: "xapi.officer@example.org",
      name: "Sam Okafor",
      role: "officer",
      agencyId: colleague.agencyId,
      unitId: colleague.unitId,
      passwordHash: "x",
    },
  });
  officer = await sessionUser("xapi.officer@example.org");
  lrs = await startTestLrs();
}, 240_000);
afterAll(() => lrs.close());
beforeEach(async () => {
  await prisma.xapiOutbox.deleteMany();
  await prisma.jobLease.deleteMany();
  lrs.mode = "accept";
  lrs.stored.clear();
  lrs.received.clear();
  lrs.invalid.length = 0;
});

async function useLrs() {
  const saved = await saveLrsSettings(admin, { endpoint: lrs.endpoint, username: "lrs-key", password: "lrs-secret" });
  expect(saved).toEqual({ ok: true });
}

async function drain(now = new Date()) {
  for (let round = 0; round < 20 && (await prisma.xapiOutbox.count({ where: { status: "queued" } })) > 0; round++)
    await deliverQueuedStatements(now);
}

function verbsAt(lrsStatements: Iterable<Record<string, unknown>>) {
  return [...lrsStatements]
    .filter((s) => (s.actor as { account: { name: string } }).account.name === officer.id)
    .map((s) => (s.verb as { display: { "en-US": string } }).display["en-US"]);
}

async function passCheck() {
  const [module] = await publishedModules();
  const cookie = await cookieFor(officer.email);
  const questions = module!.compiled.frontmatter.knowledgeCheck;
  const keyOf = (id: string) => questions.find((q) => q.id === id)!.answer;
  const drawn = async () =>
    (await run(moduleLoader, get(`/modules/${module!.slug}`, cookie), { slug: module!.slug })).data.check.form;
  const first = await drawn();
  const wrong = Object.fromEntries(
    first.questions.map((q: { id: string; options: { id: string }[] }) => [
      q.id,
      q.options.find((o) => o.id !== keyOf(q.id))!.id,
    ]),
  );
  await run(
    moduleAction,
    post(`/modules/${module!.slug}`, { intent: "check", submissionKey: first.submissionKey, ...wrong }, cookie),
    { slug: module!.slug },
  );
  await prisma.checkAttempt.updateMany({
    where: { userId: officer.id },
    data: { createdAt: new Date(Date.now() - 60 * 60_000) },
  });
  const second = await drawn();
  const right = Object.fromEntries(second.questions.map((q: { id: string }) => [q.id, keyOf(q.id)]));
  await run(
    moduleAction,
    post(`/modules/${module!.slug}`, { intent: "check", submissionKey: second.submissionKey, ...right }, cookie),
    { slug: module!.slug },
  );
}

async function playToTheEnd(slug: string) {
  const { attemptId } = (await startOrResume(officer, slug))!;
  for (let step = 0; step < 100; step++) {
    const attempt = (await findOwnAttempt(officer, attemptId))!;
    const machine = createScenarioMachine(attempt.version.compiled.scenario);
    const replayed = replayMachine(machine, attempt.version.compiled.scenario, attempt.choices);
    if (replayed.snapshot.status !== "active") return;
    const node = attempt.version.compiled.scenario.nodes[String(replayed.snapshot.value)]!;
    const offered = node.choices.find((c) => replayed.snapshot.can({ type: "CHOOSE", choiceId: c.id }))!;
    expect((await choose(officer, attemptId, attempt.choices.length, offered.id)).kind).toBe("recorded");
  }
}

async function certificationEvents(programSlug: string) {
  const signedAt = new Date("2025-01-10T00:00:00Z");
  const base = {
    officerId: officer.id,
    programSlug,
    supervisorId: supervisor.id,
    comment: "Signed in a test.",
    evidence: "[]",
  };
  await prisma.signOff.create({
    data: {
      ...base,
      signedAt,
      validUntil: new Date("2026-01-10T00:00:00Z"),
      kind: "initial",
      verificationCode: crypto.randomUUID(),
    },
  });
  await prisma.$transaction((tx) => recomputeStandings(tx, officer.id, signedAt));
  const renewal = await prisma.signOff.create({
    data: {
      ...base,
      signedAt: new Date("2025-12-01T00:00:00Z"),
      validUntil: new Date("2026-11-25T00:00:00Z"),
      kind: "renewal",
      verificationCode: crypto.randomUUID(),
    },
  });
  await prisma.$transaction((tx) => recomputeStandings(tx, officer.id, new Date("2025-12-01T00:00:00Z")));
  await sendExpiryReminders(new Date("2026-11-30T00:00:00Z"));
  await revoke(supervisor, renewal.id, "Revoked in a test after a review of the record.");
}

describe("xAPI statements", () => {
  it("publishes a profile naming every verb, activity type and extension it uses", () => {
    const profile = profileDocument("https://training.example.gov");
    expect(profile.verbs.map((v) => v.name)).toEqual([
      "opened",
      "completed",
      "answered",
      "passed",
      "failed",
      "launched",
      "observed",
      "earned",
      "renewed",
      "expired",
      "revoked",
    ]);
    expect(profile.extensions.map((e) => e.id)).toContain("https://training.example.gov/xapi/extensions/meter-changes");
  });

  it("every listed event makes a statement the test LRS validates and stores, with the actor's account, never e-mail", async () => {
    await useLrs();
    await passCheck();
    const scenarioSlug = (await prisma.scenarioVersion.findFirstOrThrow({ select: { scenarioSlug: true } }))
      .scenarioSlug;
    await playToTheEnd(scenarioSlug);
    await prisma.permissionGrant.upsert({
      where: { userId_permission: { userId: supervisor.id, permission: "observations:record" } },
      create: { userId: supervisor.id, permission: "observations:record", grantedById: admin.id },
      update: {},
    });
    const assessor = { ...supervisor, grants: ["observations:record" as const] };
    expect(await recordObservation(assessor, observationFields(officer.id, ["competent"]))).toMatchObject({ ok: true });
    await certificationEvents(allPrograms()[0]!.slug);
    await drain();
    expect(lrs.invalid).toEqual([]);
    const verbs = verbsAt(lrs.stored.values());
    for (const verb of [
      "opened",
      "answered",
      "failed",
      "passed",
      "completed",
      "launched",
      "was observed",
      "earned",
      "renewed",
      "let expire",
      "had revoked",
    ]) {
      expect(verbs, verb).toContain(verb);
    }
    expect(JSON.stringify([...lrs.stored.values()])).not.toContain("@example.org");
    const choice = [...lrs.stored.values()].find(
      (s) => (s.object as { definition: { interactionType?: string } }).definition.interactionType === "choice",
    )!;
    const definition = (choice.object as { definition: { choices: { id: string }[] } }).definition;
    expect(definition.choices.length).toBeGreaterThanOrEqual(2);
    expect(definition.choices.map((c) => c.id)).toContain((choice.result as { response: string }).response);
    expect(Object.keys((choice.result as { extensions: object }).extensions)).toHaveLength(2);
    const completed = [...lrs.stored.values()].find(
      (s) =>
        (s.object as { id: string }).id.includes("/attempts/") && (s.verb as { id: string }).id.endsWith("/completed"),
    )!;
    const scores = Object.values(
      (completed.result as { extensions: Record<string, Record<string, number>> }).extensions,
    )[0]!;
    expect(Object.keys(scores).length).toBeGreaterThan(0);
    for (const scaled of Object.values(scores)) expect(scaled).toBeGreaterThanOrEqual(0);
    expect(await prisma.xapiOutbox.count({ where: { status: { not: "sent" } } })).toBe(0);
  }, 120_000);

  it("a rolled-back event leaves no statement", async () => {
    await prisma
      .$transaction(async (tx) => {
        const { recordXapi } = await import("../../app/xapi/outbox.server");
        await recordXapi(tx, officer.id, { kind: "module_opened", moduleSlug: "rolled-back" });
        throw new Error("the event failed");
      })
      .catch(() => undefined);
    expect(await prisma.xapiOutbox.count()).toBe(0);
  });
});

describe("delivery to the LRS", () => {
  it("stores the LRS secret sealed and refuses a bad form with messages, changing nothing", async () => {
    await useLrs();
    const row = await prisma.lrsSettings.findUniqueOrThrow({ where: { agencyId: admin.agencyId } });
    expect(row.passwordEncrypted).not.toContain("lrs-secret");
    expect(openSecret(row.passwordEncrypted)).toBe("lrs-secret");
    const refused = await saveLrsSettings(admin, { endpoint: "not a url", username: "" });
    expect(refused.ok).toBe(false);
    expect((await prisma.lrsSettings.findUniqueOrThrow({ where: { agencyId: admin.agencyId } })).endpoint).toBe(
      lrs.endpoint,
    );
  });

  it("keeps statements through an outage of hours, backs off, and drains when the LRS returns", async () => {
    await useLrs();
    for (let i = 0; i < 60; i++)
      await prisma.$transaction(async (tx) =>
        (await import("../../app/xapi/outbox.server")).recordXapi(tx, officer.id, {
          kind: "module_opened",
          moduleSlug: `m-${i}`,
        }),
      );
    lrs.mode = "fail";
    const t0 = new Date();
    let now = t0;
    for (let hour = 0; hour < 5 * 4; hour++) {
      await deliverQueuedStatements(now);
      now = new Date(now.getTime() + 15 * 60_000);
    }
    const status = await xapiDeliveryStatus(admin.agencyId);
    expect(status).toMatchObject({ queued: 60, sent: 0, failed: 0 });
    expect(status.lastError).toContain("503");
    const waits = await prisma.xapiOutbox.findMany({ select: { attempts: true } });
    // Backed off: far fewer tries than the 20 rounds of the outage.
    expect(Math.max(...waits.map((w) => w.attempts))).toBeLessThan(12);
    lrs.mode = "accept";
    await drain(new Date(now.getTime() + 61 * 60_000));
    expect(lrs.stored.size).toBe(60);
    expect(await prisma.xapiOutbox.count({ where: { status: "sent" } })).toBe(60);
  });

  it("a resend of statements the LRS already holds is acknowledged, not stored twice", async () => {
    await useLrs();
    for (let i = 0; i < 3; i++)
      await prisma.$transaction(async (tx) =>
        (await import("../../app/xapi/outbox.server")).recordXapi(tx, officer.id, {
          kind: "module_opened",
          moduleSlug: `r-${i}`,
        }),
      );
    await drain();
    // As if the worker crashed after the LRS answered and before it marked the rows sent.
    await prisma.xapiOutbox.updateMany({ data: { status: "queued", sentAt: null } });
    await drain();
    expect(lrs.stored.size).toBe(3);
    expect(await prisma.xapiOutbox.count({ where: { status: "sent" } })).toBe(3);
  });

  it("delivers every statement once across a process killed mid-send (SIGKILL) and a restart", async () => {
    await useLrs();
    for (let i = 0; i < 40; i++)
      await prisma.$transaction(async (tx) =>
        (await import("../../app/xapi/outbox.server")).recordXapi(tx, officer.id, {
          kind: "module_opened",
          moduleSlug: `k-${i}`,
        }),
      );
    const queued = (await prisma.xapiOutbox.findMany({ select: { id: true } })).map((r) => r.id);
    lrs.mode = "hang";
    const first = runRounds(1);
    await first.started;
    while (lrs.requests === 0) await new Promise((resolve) => setImmediate(resolve));
    first.child.kill("SIGKILL");
    await first.exited;
    expect(await prisma.xapiOutbox.count({ where: { status: "queued" } })).toBe(40);
    lrs.mode = "accept";
    const second = runRounds(50);
    expect(await second.exited).toBe(0);
    expect(await prisma.xapiOutbox.count({ where: { status: "sent" } })).toBe(40);
    expect([...lrs.stored.keys()].sort()).toEqual([...queued].sort());
    expect([...lrs.received.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});

describe("pages", () => {
  it("serves the profile publicly, the admin page to admins only, and refuses a bad LRS form with 400", async () => {
    const profile = profileLoader();
    expect(profile.status).toBe(200);
    expect((await profile.json()).verbs).toHaveLength(11);
    const adminCookie = await cookieFor("admin@example.org");
    const page = await run(lrsLoader, get("/admin/learning-records", adminCookie));
    expect(page.status).toBe(200);
    const denied = await run(lrsLoader, get("/admin/learning-records", await cookieFor("officer@example.org")));
    expect(denied.status).toBe(403);
    const before = await prisma.lrsSettings.findUnique({ where: { agencyId: admin.agencyId } });
    const bad = await run(
      lrsAction,
      post("/admin/learning-records", { endpoint: "ftp://x", username: "" }, adminCookie),
    );
    expect(bad.status).toBe(400);
    expect(await prisma.lrsSettings.findUnique({ where: { agencyId: admin.agencyId } })).toEqual(before);
  });
});

function runRounds(rounds: number) {
  const child = spawn(
    path.resolve("node_modules/.bin/tsx"),
    [path.resolve("tests/support/xapi-rounds.ts"), JSON.stringify({ rounds })],
    {
      env: { ...process.env, BACKGROUND_TICK_MS: "200" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const started = new Promise<void>((resolve) =>
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("round started") && resolve()),
  );
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, started, exited };
}
