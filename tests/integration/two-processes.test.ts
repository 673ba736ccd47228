// Two production servers on one PostgreSQL database (issue 21): parallel sign-in failures are counted exactly as
// one process counts them, two processes racing for the same step of a role-play record it once, two supervisors
// signing off the same officer at the same moment make one certificate, two trainers approving the same draft (or
// two drafts of the same scenario) publish one version, and when one process is killed with SIGKILL mid-way every
// choice it acknowledged is in the database. Each race is run across both processes and again on one, with the
// same results. PostgreSQL only (a SQLite file is served by one process); needs the production build (BUILD_DIR).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { developmentKey } from "../../app/secrets/secret-box.server";
import { draftSourceHash } from "../../app/studio/draft-text.server";
import { seedOnce } from "../support/app";
import { postForm, signInCookie, startServer, type OwnServer } from "../support/own-server";

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const SLUG = "vandalism-conference";

let a: OwnServer;
let b: OwnServer;

beforeAll(async () => {
  await seedOnce();
  if (!onPostgres) return;
  // Started together: both migrate, seed and sync content under the database's advisory locks. The demo's
  // secrets (the credential-signing key) were sealed by the test run's seed, under its key: the servers get it.
  const env = {
    DATABASE_URL: process.env.DATABASE_URL!,
    CK_SECRETS_KEY: process.env.CK_SECRETS_KEY || developmentKey().toString("base64"),
  };
  [a, b] = await Promise.all([startServer("(postgres)", env), startServer("(postgres)", env)]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const wrongSignIn = (server: OwnServer, email: string) =>
  postForm(server, "/login", { email, password: "not-the-password" }).then((res) => res.arrayBuffer());

const throttleOf = (email: string) =>
  prisma.signInThrottle.findUniqueOrThrow({
    where: { key: `email:${email}` },
    select: { failures: true, lockedUntil: true },
  });

async function modelPath(): Promise<string[]> {
  const version = await prisma.scenarioVersion.findFirstOrThrow({
    where: { scenarioSlug: SLUG },
    orderBy: { number: "desc" },
    select: { compiled: true },
  });
  return (JSON.parse(version.compiled).modelPath as { choiceId: string }[]).map((step) => step.choiceId);
}

async function startPractice(server: OwnServer, cookie: string): Promise<string> {
  const res = await postForm(server, `/scenarios/${SLUG}?index`, { intent: "start" }, cookie);
  const match = new RegExp(`^/scenarios/${SLUG}/attempts/([^/?]+)$`).exec(res.headers.get("location") ?? "");
  if (res.status !== 302 || !match) throw new Error(`start: ${res.status}`);
  return match[1]!;
}

async function choose(server: OwnServer, cookie: string, attemptId: string, position: number, choiceId: string) {
  const here = `/scenarios/${SLUG}/attempts/${attemptId}`;
  const res = await postForm(server, here, { intent: "choose", choiceId, position: String(position) }, cookie);
  await res.arrayBuffer();
  return res.status === 302 && res.headers.get("location") === here;
}

/** What a page answered, in a word: the message a race's loser reads is part of what must match. */
async function outcome(res: Response): Promise<string> {
  if (res.status === 302) return "302 redirect";
  const html = await res.text();
  const said = [
    "Signed off. The officer&#x27;s certificate is ready.",
    "This certification was already signed off.",
    "This draft changed or was reviewed while you were reviewing it.",
    "published since",
  ].find((text) => html.includes(text));
  return `${res.status} ${said ?? "(no known message)"}`;
}

// --- Sign-off: Daniel Osei (South Precinct) is seeded ready for Level 1; Morgan Hale (North) is made a second
// supervisor of South, so that two supervisors may sign him off.
const LEVEL_1 = "facilitator-level-1";
const READY_OFFICER = "d.osei@example.org";

async function raceSignOffs(servers: [OwnServer, OwnServer]) {
  const officer = await prisma.user.findUniqueOrThrow({ where: { email: READY_OFFICER } });
  const [first, second] = await Promise.all(
    ["supervisor2@example.org", "supervisor@example.org"].map((email, i) => signInCookie(servers[i]!, email)),
  );
  const before = await prisma.signOff.count({ where: { officerId: officer.id } });
  const auditBefore = await prisma.auditEntry.count({
    where: { officerId: officer.id, action: "certification.signed_off" },
  });
  const comment = "All Level 1 requirements met; practicum observed and sound.";
  const answers = await Promise.all(
    [first, second].map((cookie, i) =>
      postForm(
        servers[i]!,
        `/supervisor/officers/${officer.id}`,
        { intent: "sign-off", program: LEVEL_1, comment },
        cookie,
      ).then(outcome),
    ),
  );
  const signOffs = await prisma.signOff.findMany({
    where: { officerId: officer.id, revokedAt: null },
    select: { id: true },
  });
  const summary = {
    answers: answers.sort(),
    newCertificates: (await prisma.signOff.count({ where: { officerId: officer.id } })) - before,
    newAuditEntries:
      (await prisma.auditEntry.count({ where: { officerId: officer.id, action: "certification.signed_off" } })) -
      auditBefore,
    standing: (
      await prisma.officerStanding.findUniqueOrThrow({
        where: { officerId_programSlug: { officerId: officer.id, programSlug: LEVEL_1 } },
        select: { status: true },
      })
    ).status,
  };
  // Revoked again afterwards, so that the next race finds him ready as this one did.
  for (const { id } of signOffs) {
    const res = await postForm(
      servers[0],
      `/supervisor/officers/${officer.id}`,
      { intent: "revoke", signOffId: id, reason: "Revoked by the concurrency test." },
      first,
    );
    expect(res.status).toBe(200);
  }
  return summary;
}

// --- Approval: drafts of a scenario copied, edited and submitted through the studio's pages.
const STUDIO_SLUG = "school-circle";

async function submittedDraft(server: OwnServer, cookie: string, title: string) {
  const latest = await prisma.scenarioVersion.findFirstOrThrow({
    where: { scenarioSlug: STUDIO_SLUG },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  const copied = await postForm(
    server,
    `/studio/scenarios/${STUDIO_SLUG}?index`,
    { intent: "copy", versionId: latest.id },
    cookie,
  );
  expect(copied.status).toBe(302);
  const id = copied.headers.get("location")!.split("/").pop()!;
  const { source: copy } = await prisma.draft.findUniqueOrThrow({ where: { id }, select: { source: true } });
  const source = copy.replace(/^title: .*$/m, `title: ${title}`);
  expect(source).not.toBe(copy);
  for (const fields of [{ intent: "save", source }, { intent: "submit" }] as Record<string, string>[]) {
    const res = await postForm(server, `/studio/drafts/${id}`, fields, cookie);
    expect(res.status, fields.intent).toBe(200);
    await res.arrayBuffer();
  }
  return { id, reviewedHash: draftSourceHash(source) };
}

const publishedVersions = () =>
  prisma.scenarioVersion.findMany({
    where: { scenarioSlug: STUDIO_SLUG },
    select: { number: true },
  });

/** Approvals raced from `servers`, each by its reviewer, of the drafts given; what changed, in numbers. */
async function raceApprovals(
  servers: [OwnServer, OwnServer],
  approvals: [
    { draft: { id: string; reviewedHash: string }; reviewer: string },
    { draft: { id: string; reviewedHash: string }; reviewer: string },
  ],
) {
  const cookies = await Promise.all(approvals.map(({ reviewer }, i) => signInCookie(servers[i]!, reviewer)));
  const before = await publishedVersions();
  const answers = await Promise.all(
    approvals.map(({ draft }, i) =>
      postForm(
        servers[i]!,
        `/studio/drafts/${draft.id}`,
        { intent: "approve", comment: "", reviewedHash: draft.reviewedHash },
        cookies[i],
      ).then(outcome),
    ),
  );
  const after = await publishedVersions();
  const numbers = after.map((v) => v.number);
  const draftIds = approvals.map(({ draft }) => draft.id);
  return {
    answers: answers.sort(),
    newVersions: after.length - before.length,
    duplicateNumbers: numbers.length - new Set(numbers).size,
    approvalEntries: await prisma.auditEntry.count({
      where: { action: "studio.draft_approved", subjectId: { in: draftIds } },
    }),
    publishedDrafts: await prisma.draft.count({ where: { id: { in: draftIds }, status: "published" } }),
  };
}

describe.skipIf(!onPostgres)("two app processes on one PostgreSQL database", () => {
  it("counts parallel sign-in failures across both processes as one process does", async () => {
    // Email addresses without accounts are counted the same way; 7 tries against a limit of 5.
    await Promise.all(Array.from({ length: 7 }, (_, i) => wrongSignIn(i % 2 ? a : b, "nobody-two@example.org")));
    await Promise.all(Array.from({ length: 7 }, () => wrongSignIn(a, "nobody-one@example.org")));
    const [two, one] = [await throttleOf("nobody-two@example.org"), await throttleOf("nobody-one@example.org")];
    expect(two.failures).toBe(5);
    expect(two.lockedUntil).not.toBeNull();
    expect({ failures: two.failures, locked: two.lockedUntil !== null }).toEqual({
      failures: one.failures,
      locked: one.lockedUntil !== null,
    });
  });

  it("records a step raced from both processes once, and the whole path with steps alternating", async () => {
    const cookie = await signInCookie(a, "trainer@example.org");
    const attemptId = await startPractice(b, cookie);
    const path = await modelPath();
    const raced = await Promise.all([
      choose(a, cookie, attemptId, 0, path[0]!),
      choose(b, cookie, attemptId, 0, path[0]!),
    ]);
    expect(raced).toEqual([true, true]); // one recorded, the other acknowledged as the same choice
    for (const [position, choiceId] of path.entries())
      if (position > 0) expect(await choose(position % 2 ? a : b, cookie, attemptId, position, choiceId)).toBe(true);
    const events = await prisma.choiceEvent.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
    expect(events.map((e) => e.choiceId)).toEqual(path);
    const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect({ status: attempt.status, choiceCount: attempt.choiceCount }).toEqual({
      status: "completed",
      choiceCount: path.length,
    });
  });

  it("makes one certificate when two supervisors sign off the same officer at once, on two processes as on one", async () => {
    const [officer, morgan] = await Promise.all(
      [READY_OFFICER, "supervisor@example.org"].map((email) => prisma.user.findUniqueOrThrow({ where: { email } })),
    );
    await prisma.supervisedUnit.upsert({
      where: { supervisorId_unitId: { supervisorId: morgan!.id, unitId: officer!.unitId! } },
      create: { supervisorId: morgan!.id, unitId: officer!.unitId! },
      update: {},
    });
    const expected = {
      answers: [
        "200 Signed off. The officer&#x27;s certificate is ready.",
        "200 This certification was already signed off.",
      ],
      newCertificates: 1,
      newAuditEntries: 1,
      standing: "certified",
    };
    expect(await raceSignOffs([a, b])).toEqual(expected);
    expect(await raceSignOffs([a, a])).toEqual(expected);
  });

  it("publishes one version when two trainers approve the same draft at once, on two processes as on one", async () => {
    for (const servers of [
      [a, b],
      [b, b],
    ] as [OwnServer, OwnServer][]) {
      const draft = await submittedDraft(
        servers[0],
        await signInCookie(servers[0], "trainer@example.org"),
        `Raced approval ${servers[0] === servers[1] ? "one" : "two"}`,
      );
      const result = await raceApprovals(servers, [
        { draft, reviewer: "trainer2@example.org" },
        { draft, reviewer: "admin@example.org" },
      ]);
      // The loser either read the draft before the winner published it (refused, the draft changed) or after
      // (acknowledged: the text it approved is the one published).
      expect(result.answers[0]).toBe("302 redirect");
      expect(["302 redirect", "409 This draft changed or was reviewed while you were reviewing it."]).toContain(
        result.answers[1],
      );
      expect({ ...result, answers: undefined }).toEqual({
        answers: undefined,
        newVersions: 1,
        duplicateNumbers: 0,
        approvalEntries: 1,
        publishedDrafts: 1,
      });
    }
  });

  it("publishes one of two drafts of the same scenario approved at once and refuses the other, on two processes as on one", async () => {
    for (const servers of [
      [a, b],
      [a, a],
    ] as [OwnServer, OwnServer][]) {
      const run = servers[0] === servers[1] ? "one process" : "two processes";
      const [first, second] = [
        await submittedDraft(
          servers[0],
          await signInCookie(servers[0], "trainer@example.org"),
          `Raced publication A (${run})`,
        ),
        await submittedDraft(
          servers[1],
          await signInCookie(servers[1], "trainer2@example.org"),
          `Raced publication B (${run})`,
        ),
      ];
      expect(
        await raceApprovals(servers, [
          { draft: first, reviewer: "trainer2@example.org" },
          { draft: second, reviewer: "trainer@example.org" },
        ]),
      ).toEqual({
        answers: ["302 redirect", "409 published since"],
        newVersions: 1,
        duplicateNumbers: 0,
        approvalEntries: 1,
        publishedDrafts: 1,
      });
    }
  });

  it("keeps every choice a process acknowledged before it was killed with SIGKILL", async () => {
    const path = await modelPath();
    const players = await Promise.all(
      ["trainer2@example.org", "supervisor@example.org"].map(async (email) => {
        const cookie = await signInCookie(b, email);
        return { cookie, attemptId: await startPractice(b, cookie) };
      }),
    );
    const acknowledged: { attemptId: string; position: number }[] = [];
    let killed: Promise<void> = Promise.resolve();
    await Promise.all(
      players.map(async ({ cookie, attemptId }) => {
        for (const [position, choiceId] of path.entries()) {
          const ok = await choose(b, cookie, attemptId, position, choiceId).catch(() => false);
          if (!ok) return; // the process is gone
          acknowledged.push({ attemptId, position });
          if (acknowledged.length === 3) killed = b.kill();
        }
      }),
    );
    await killed;
    expect(acknowledged.length).toBeGreaterThanOrEqual(3);
    for (const { attemptId, position } of acknowledged)
      expect(await prisma.choiceEvent.count({ where: { attemptId, position } }), `${attemptId}#${position}`).toBe(1);
    // The other process still serves.
    expect((await fetch(`${a.url}/healthcheck`)).ok).toBe(true);
  });
});
