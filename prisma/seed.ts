// Demo data for a fresh install: one agency, three units, the five demo accounts and a few more officers.
// Every demo account's password is `circlekeeper-demo`.
import crypto from "node:crypto";
import { hashPassword } from "../app/auth/password.server";
import type { SessionUser } from "../app/auth/roles";
import { recomputeStandings } from "../app/certification/evidence.server";
import { allPrograms } from "../app/certification/programs.server";
import { newVerificationCode } from "../app/certification/sign-off.server";
import { addMonths } from "../app/certification/status";
import { issueMissingCredentials } from "../app/credentials/credentials.server";
import { prisma } from "../app/db/db.server";
import { ensureCompetencySummary } from "../app/insight/competency-summary.server";
import { publishedModules } from "../app/modules/catalog.server";
import { gradeDraw } from "../app/modules/knowledge-check";
import { attemptSize, drawQuestions } from "../app/modules/question-bank";
import { choose, startOrResume } from "../app/scenarios/attempts.server";
import { ensureLibrary, latestVersionOf, loadVersion } from "../app/scenarios/library.server";
import type { AttemptMode } from "../app/scenarios/modes";
import { wireDomains } from "../app/wiring.server";
import { seedCheckCohort } from "./seed-check-attempts";
import { seedImpact } from "./seed-impact";
import { seedObservations } from "./seed-observations";

// Attempts are played through the app's own functions, which tell certification through the start-up wiring.
wireDomains();

export const DEMO_PASSWORD = "circlekeeper-demo";

export async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    const agency = await tx.agency.create({ data: { name: "Riverside Police Department" } });
    const unit = async (name: string) => tx.unit.create({ data: { name, agencyId: agency.id } });
    const north = await unit("North Precinct");
    const south = await unit("South Precinct");
    const academy = await unit("Training Academy");
    const user = (email: string, name: string, role: string, unitId: string | null) =>
      tx.user.create({ data: { email, name, role, unitId, agencyId: agency.id, passwordHash } });
    await user("officer@example.org", "Alex Rivera", "officer", north.id);
    await user("officer2@example.org", "Sam Okoro", "officer", south.id);
    await user("trainer@example.org", "Jordan Ellis", "trainer", academy.id);
    await user("trainer2@example.org", "Priya Nair", "trainer", academy.id);
    const supervisor = await user("supervisor@example.org", "Morgan Hale", "supervisor", north.id);
    const supervisor2 = await user("supervisor2@example.org", "Dana Whitfield", "supervisor", south.id);
    await user("admin@example.org", "Casey Morgan", "admin", null);
    // Outside the police: reads drafts flagged for community review (docs/decisions/0180-community-review.md).
    await user("advocate@example.org", "Robin Alvarez", "community_reviewer", null);
    await tx.supervisedUnit.create({ data: { supervisorId: supervisor.id, unitId: north.id } });
    // The demo asks nobody for a second factor, so its accounts sign in with the demo password alone; an admin
    // turns the policy on at /admin/sign-in (a real agency without this row gets admin, supervisor, trainer).
    await tx.signInPolicy.create({ data: { agencyId: agency.id, mfaRoles: "" } });
    await tx.supervisedUnit.create({ data: { supervisorId: supervisor2.id, unitId: south.id } });
    const more: [string, string, string][] = [
      ["t.nguyen@example.org", "Thao Nguyen", north.id],
      ["m.garcia@example.org", "Miguel Garcia", north.id],
      ["a.johnson@example.org", "Aisha Johnson", north.id],
      ["l.kowalski@example.org", "Luke Kowalski", south.id],
      ["r.begay@example.org", "Rena Begay", south.id],
      ["d.osei@example.org", "Daniel Osei", south.id],
      // A name with Vietnamese diacritics, as many agencies have: pages, exports and certificates must keep it.
      ["h.tran@example.org", "Hương Trần", south.id],
      ["m.reed@example.org", "Marcus Reed", north.id],
    ];
    for (const [email, name, unitId] of more) await user(email, name, "officer", unitId);
  });
  const agency = await prisma.agency.findFirstOrThrow({ select: { id: true } });
  await seedCheckCohort(agency.id, passwordHash);
  await seedProgress();
  await seedObservations();
  await seedImpact();
  // The competency summary of everything above (app code wrote most of it already; this fills the rest and
  // records that this database needs no start-up back-fill).
  await ensureCompetencySummary();
}

async function sessionUser(email: string): Promise<SessionUser> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, email: u.email, name: u.name, role: "officer", agencyId: u.agencyId, unitId: u.unitId };
}

/** A seeded shortcut: the module's check passed with every drawn question right, at `at`. */
async function passModule(userId: string, slug: string, at: Date) {
  const module = (await publishedModules()).find((m) => m.slug === slug);
  if (!module) return;
  const f = module.compiled.frontmatter;
  const seed = crypto.randomInt(0, 0x7fffffff);
  const drawn = drawQuestions(f.knowledgeCheck, attemptSize(f), seed);
  const answers = Object.fromEntries(f.knowledgeCheck.map((q) => [q.id, q.answer]));
  const graded = gradeDraw(f.knowledgeCheck, drawn, answers, f.passMark);
  await prisma.checkAttempt.create({
    data: {
      userId,
      moduleSlug: slug,
      moduleHash: module.hash,
      answers: JSON.stringify(Object.fromEntries(drawn.map((d) => [d.id, answers[d.id]!]))),
      score: 100,
      passed: true,
      submissionKey: crypto.randomUUID(),
      seed,
      questions: JSON.stringify(graded.questions),
      createdAt: at,
    },
  });
  await prisma.moduleProgress.upsert({
    where: { userId_moduleSlug: { userId, moduleSlug: slug } },
    create: { userId, moduleSlug: slug, status: "passed", bestScore: 100, passedAt: at },
    update: { status: "passed", bestScore: 100, passedAt: at },
  });
}

/** A real play of the scenario's model path (or its worst path), through the same code as the player. */
async function play(
  officer: SessionUser,
  slug: string,
  mode: AttemptMode,
  { path = "model", finishedAt }: { path?: "model" | "worst"; finishedAt?: Date } = {},
) {
  const version = await latestVersionOf(slug);
  if (!version) return;
  const loaded = await loadVersion(version.id);
  const started = await startOrResume(officer, slug, mode);
  if (!loaded || !started) return;
  const steps = path === "model" ? loaded.compiled.modelPath : loaded.compiled.worstPath;
  for (const [position, step] of steps.entries()) await choose(officer, started.attemptId, position, step.choiceId);
  if (finishedAt)
    await prisma.attempt.update({
      where: { id: started.attemptId },
      data: { startedAt: finishedAt, finishedAt, updatedAt: finishedAt },
    });
}

/** The assessed attempts that meet a program's role-play requirements: a first play of each pool's first scenario. */
async function passAssessments(officer: SessionUser, pools: { pool: string[] }[], finishedAt?: Date) {
  for (const { pool } of pools) await play(officer, pool[0]!, "assessed", { finishedAt });
}

async function seedProgress() {
  await ensureLibrary();
  const level1 = allPrograms().find((p) => p.slug === "facilitator-level-1");
  const officers = await prisma.user.findMany({ where: { role: "officer" }, select: { id: true } });
  if (level1) {
    const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000);
    // Thao Nguyen (North) and Daniel Osei (South): modules and assessed role-plays done. Daniel's observed
    // assessment (seed-observations.ts: every criterion competent or better from both trainers) and his two
    // confirmed co-facilitated joint meetings with logs make him truly ready for sign-off; Thao still needs an
    // observation and her practicum.
    for (const email of ["t.nguyen@example.org", "d.osei@example.org"]) {
      const officer = await sessionUser(email);
      for (const slug of level1.requirements.modules) await passModule(officer.id, slug, daysAgo(20));
      await passAssessments(officer, level1.requirements.scenarios);
    }
    const dana = await prisma.user.findUniqueOrThrow({ where: { email: "supervisor2@example.org" } });
    const daniel = await sessionUser("d.osei@example.org");
    for (const [n, log] of DANIEL_LOGS.entries()) {
      await prisma.practicumEntry.create({
        data: {
          officerId: daniel.id,
          date: daysAgo(30 - n * 10),
          kind: "joint-meeting",
          processType: n ? "Community conference" : "Victim-offender dialogue",
          role: "Co-facilitator",
          participantCount: n ? 7 : 4,
          outcome: n
            ? "Repair plan agreed with the neighborhood association."
            : "Apology given and a repayment plan agreed.",
          ...log,
          status: "confirmed",
          reviewerId: dana.id,
          reviewedAt: daysAgo(28 - n * 10),
          submissionKey: crypto.randomUUID(),
        },
      });
    }
    // Thao Nguyen has logged her first co-facilitated joint meeting; it waits for a supervisor of North Precinct.
    const thao = await sessionUser("t.nguyen@example.org");
    await prisma.practicumEntry.create({
      data: {
        officerId: thao.id,
        date: daysAgo(4),
        kind: "joint-meeting",
        processType: "Victim-offender dialogue",
        role: "Co-facilitator",
        participantCount: 4,
        outcome: "The bike was returned and an apology letter agreed.",
        logWhatHappened:
          "A stolen bicycle: the owner, a retired teacher, and the fifteen-year-old who took it met with his aunt.",
        logWentWell: "I opened the meeting with the ground rules and checked that each person agreed to them.",
        logWouldChange: "I would slow down when the owner described how the theft changed his routine.",
        logSupportNeeded: "A debrief with my co-facilitator on when to offer a break.",
        submissionKey: crypto.randomUUID(),
      },
    });
    // Aisha Johnson: certified almost two years ago, so her certification is expiring soon.
    const aisha = await sessionUser("a.johnson@example.org");
    const signedAt = daysAgo(700);
    for (const slug of level1.requirements.modules) await passModule(aisha.id, slug, daysAgo(720));
    await passAssessments(aisha, level1.requirements.scenarios, daysAgo(715));
    const supervisor = await prisma.user.findUniqueOrThrow({ where: { email: "supervisor@example.org" } });
    for (const n of [1, 2]) {
      await prisma.practicumEntry.create({
        data: {
          officerId: aisha.id,
          date: daysAgo(710 - n),
          kind: "joint-meeting",
          processType: "Victim-offender dialogue",
          role: "Co-facilitator",
          participantCount: 4,
          outcome: "Agreement reached and kept.",
          logWhatHappened:
            "A shoplifting case: the store clerk and the young woman who took the goods met with one supporter each.",
          logWentWell: "Preparation with both parties made the meeting itself calm and focused.",
          logWouldChange: "I would leave more time for the clerk's questions.",
          logSupportNeeded: "A debrief with my co-facilitator on pacing.",
          status: "confirmed",
          reviewerId: supervisor.id,
          reviewedAt: daysAgo(705),
          submissionKey: crypto.randomUUID(),
        },
      });
    }
    // Her renewal, under way: a joint meeting this year (confirmed) and 8 of the 12 development hours confirmed,
    // 4 more waiting for Morgan; the refresher module is still to do.
    await prisma.practicumEntry.create({
      data: {
        officerId: aisha.id,
        date: daysAgo(3),
        kind: "joint-meeting",
        processType: "Victim-offender dialogue",
        role: "Lead facilitator",
        participantCount: 4,
        outcome: "Agreement with a dated payment plan.",
        logWhatHappened: "The store clerk and the young woman met with one supporter each; the plan was agreed.",
        logWentWell: "Both parties spoke in their own words and the plan had dates.",
        logWouldChange: "I would check agreement to the ground rules with each person.",
        logSupportNeeded: "Feedback from the observation, which I have asked for.",
        status: "confirmed",
        reviewerId: supervisor.id,
        reviewedAt: daysAgo(2),
        submissionKey: crypto.randomUUID(),
      },
    });
    const cpd: [number, number, string, string, boolean][] = [
      [
        90,
        6,
        "County training day: trauma-informed practice for facilitators",
        "Attendance certificate from the county training office.",
        true,
      ],
      [
        45,
        2,
        "Case supervision with Morgan Hale on a contested conference",
        "Supervision notes kept on file by the supervisor.",
        true,
      ],
      [
        14,
        4,
        "Reading: Howard Zehr, The Little Book of Restorative Justice (revised and updated edition), with notes",
        "Two pages of reading notes.",
        false,
      ],
    ];
    for (const [ago, hours, activity, evidence, confirmed] of cpd) {
      await prisma.cpdActivity.create({
        data: {
          officerId: aisha.id,
          date: daysAgo(ago),
          hours,
          activity,
          evidence,
          submissionKey: crypto.randomUUID(),
          ...(confirmed ? { status: "confirmed", reviewerId: supervisor.id, reviewedAt: daysAgo(ago - 2) } : {}),
        },
      });
    }
    // Her Level 2 case studies: one accepted by Morgan (an assessor), one waiting for review.
    const caseStudies: [number, string, string, string, string, [string, string][], boolean][] = [
      [
        30,
        "A broken window at the middle school",
        "Two eighth graders broke a classroom window after school. The assistant principal, the custodian who cleaned up and both students with a parent each met after separate pre-meetings.",
        "I held the pre-meetings, agreed the seating with the assistant principal, and led the meeting with the restorative questions.",
        "The custodian's account of the cleanup changed the students' view more than anything I said; I will make room for the people behind the harm earlier.",
        [
          [
            "empathy",
            "I asked the custodian what the morning had been like for her before the students answered, and waited through a long pause.",
          ],
          [
            "process",
            "Each pre-meeting covered consent, ground rules and who would attend, so the meeting opened without surprises.",
          ],
        ],
        true,
      ],
      [
        6,
        "A contested fender-bender in a store parking lot",
        "Two drivers disputed who had backed into whom; one had shouted at the other's teenage son. Both agreed to an indirect dialogue before any meeting.",
        "I carried questions and answers between the two households over two weeks and checked each message with its sender before passing it on.",
        "Reading each message back to its author kept me from softening it; I need to say at the start how long the process may take.",
        [
          [
            "neutrality",
            "I passed on each driver's words as they were said and did not judge whose account of the collision was right.",
          ],
        ],
        false,
      ],
    ];
    for (const [ago, title, narrative, whatIDid, whatILearned, mapping, accepted] of caseStudies) {
      await prisma.caseStudy.create({
        data: {
          officerId: aisha.id,
          title,
          narrative,
          whatIDid,
          whatILearned,
          submissionKey: crypto.randomUUID(),
          createdAt: daysAgo(ago),
          competencyMap: JSON.stringify(mapping.map(([competency, justification]) => ({ competency, justification }))),
          ...(accepted
            ? {
                status: "accepted",
                reviewerId: supervisor.id,
                reviewedAt: daysAgo(ago - 5),
                reviewComment: "A clear account; both mappings are shown by what you did.",
              }
            : {}),
        },
      });
    }
    await prisma.signOff.create({
      data: {
        officerId: aisha.id,
        programSlug: level1.slug,
        supervisorId: supervisor.id,
        comment: "All requirements met; observed co-facilitation was sound.",
        signedAt,
        validUntil: addMonths(signedAt, level1.validForMonths),
        kind: "initial",
        evidence: "[]",
        verificationCode: newVerificationCode(),
      },
    });
    // Marcus Reed: practiced one role-play of the first pool, then failed his assessed attempt on the other, so
    // nothing of that pool is left for a first play: he waits for a trainer or supervisor to authorize a retake.
    const marcus = await sessionUser("m.reed@example.org");
    for (const slug of level1.requirements.modules) await passModule(marcus.id, slug, daysAgo(10));
    const [firstPool] = level1.requirements.scenarios;
    if (firstPool) {
      await play(marcus, firstPool.pool[1]!, "practice", { finishedAt: daysAgo(6) });
      await play(marcus, firstPool.pool[0]!, "assessed", { path: "worst", finishedAt: daysAgo(5) });
    }
    // Miguel Garcia: just started.
    const miguel = await sessionUser("m.garcia@example.org");
    for (const slug of level1.requirements.modules.slice(0, 2)) await passModule(miguel.id, slug, daysAgo(3));
  }
  await prisma.$transaction(async (tx) => {
    for (const o of officers) await recomputeStandings(tx, o.id);
  });
  // The seeded certificates, signed off above without the sign-off form, get their Open Badges credentials.
  await issueMissingCredentials();
}

/** Daniel Osei's reflective logs for his two co-facilitated joint meetings. */
const DANIEL_LOGS = [
  {
    logWhatHappened:
      "A car break-in: the owner and the nineteen-year-old who took her laptop met, each with one supporter; my co-facilitator led.",
    logWentWell:
      "I kept time and watched the supporters; I noticed the owner's sister getting angry and suggested the break.",
    logWouldChange: "I would agree beforehand with my co-facilitator who steps in when a supporter speaks out of turn.",
    logSupportNeeded: "A debrief with my co-facilitator on how we split the roles.",
  },
  {
    logWhatHappened:
      "Graffiti on a community center: three teenagers, their parents and four members of the neighborhood association.",
    logWentWell: "I led the round on who was affected; every association member spoke, and the teenagers listened.",
    logWouldChange: "I would have given the quietest teenager a second chance to speak before we moved on to the plan.",
    logSupportNeeded: "None for now; I would like to lead a pre-meeting next.",
  },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  await seedDemo();
  console.log("Seeded the demo agency. Demo accounts use the password circlekeeper-demo.");
  await prisma.$disconnect();
}
