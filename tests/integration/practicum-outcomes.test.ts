// Outcomes of real meetings on the practicum log: the form records them, the officer records the follow-up on or
// after its date (own entries only, audited, once), a "follow-up due" reminder goes through the outbox once, and
// the training-impact report's level-4 figures move with what was entered (answers worked out by hand).
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/roles";
import { sendFollowUpReminders } from "../../app/certification/follow-up-reminders.server";
import { recordFollowUp } from "../../app/certification/practicum.server";
import { prisma } from "../../app/db/db.server";
import type { Figure } from "../../app/insight/suppression";
import { runBackgroundRound } from "../../app/jobs/background.server";
import * as certificationRoute from "../../app/routes/certification._index";
import { loader as impactLoader } from "../../app/routes/supervisor.impact";
import { cookieFor, get, post, runTyped, seedOnce } from "../support/app";
import { makeAgency, makeOfficer, makeSupervisor, type Place } from "../support/factories";
import { REFLECTIVE_LOG } from "../support/practicum";

let place: Place;
let supervisor: SessionUser;
let officers: SessionUser[];

interface Outcome {
  date?: string;
  kind?: string;
  agreementReached?: string;
  harmedPartySatisfaction?: string;
  responsiblePartySatisfaction?: string;
  followUpOn?: string;
}

function entryForm(outcome: Outcome): Record<string, string> {
  return {
    date: outcome.date ?? "2026-10-05",
    kind: outcome.kind ?? "joint-meeting",
    processType: "Victim-offender dialogue",
    role: "Lead facilitator",
    participantCount: "4",
    outcome: "Met and talked it through.",
    submissionKey: crypto.randomUUID(),
    ...REFLECTIVE_LOG,
    agreementReached: outcome.agreementReached ?? "",
    harmedPartySatisfaction: outcome.harmedPartySatisfaction ?? "",
    responsiblePartySatisfaction: outcome.responsiblePartySatisfaction ?? "",
    followUpOn: outcome.followUpOn ?? "",
  };
}

async function logEntry(officer: SessionUser, outcome: Outcome) {
  return runTyped(
    certificationRoute.action,
    post("/certification", entryForm(outcome), await cookieFor(officer.email)),
  );
}

async function latestEntryOf(officer: SessionUser) {
  return prisma.practicumEntry.findFirstOrThrow({ where: { officerId: officer.id }, orderBy: { createdAt: "desc" } });
}

async function followUp(officer: SessionUser, entryId: string, agreementKept: string) {
  return runTyped(
    certificationRoute.action,
    post("/certification", { intent: "follow-up", entryId, agreementKept }, await cookieFor(officer.email)),
  );
}

beforeAll(async () => {
  await seedOnce();
  place = await makeAgency();
  supervisor = await makeSupervisor(place);
  officers = [];
  for (let i = 0; i < 6; i++) officers.push(await makeOfficer(place));
}, 240_000);

describe("recording a meeting's outcome on the practicum form", () => {
  it("stores the agreement, each party's satisfaction ('Not asked' as none) and the follow-up date", async () => {
    const answer = await logEntry(officers[0]!, {
      agreementReached: "yes",
      harmedPartySatisfaction: "5",
      followUpOn: "2026-11-01",
    });
    expect(answer.status).toBe(200);
    const entry = await latestEntryOf(officers[0]!);
    expect(entry).toMatchObject({
      agreementReached: true,
      agreementKept: null,
      harmedPartySatisfaction: 5,
      responsiblePartySatisfaction: null,
      followUpOn: new Date("2026-11-01T00:00:00Z"),
    });
  });

  it("refuses bad outcome fields with a message per field and stores nothing", async () => {
    const before = await prisma.practicumEntry.count({ where: { officerId: officers[1]!.id } });
    const cases: [Outcome, string, RegExp][] = [
      [{ kind: "pre-meeting", agreementReached: "yes" }, "agreementReached", /joint meetings, indirect dialogues/],
      [{ agreementReached: "no", followUpOn: "2026-11-01" }, "followUpOn", /A follow-up date is for an agreement/],
      [{ agreementReached: "yes", followUpOn: "2026-10-01" }, "followUpOn", /after the date of the process/],
      [{ agreementReached: "yes", followUpOn: "2030-01-01" }, "followUpOn", /within 730 days/],
      [{ agreementReached: "yes", followUpOn: "soon" }, "followUpOn", /YYYY-MM-DD/],
      [{ harmedPartySatisfaction: "7" }, "harmedPartySatisfaction", /choose 1 to 5/],
      [{ agreementReached: "maybe" }, "agreementReached", /"Yes", "No" or "Not recorded"/],
    ];
    for (const [outcome, field, message] of cases) {
      const answer = await logEntry(officers[1]!, outcome);
      expect(answer.status, field).toBe(400);
      expect((answer.data as unknown as { errors: Record<string, string> }).errors[field]).toMatch(message);
    }
    expect(await prisma.practicumEntry.count({ where: { officerId: officers[1]!.id } })).toBe(before);
  });
});

describe("recording the follow-up", () => {
  it("records it once on or after the date, audited; the same answer again changes nothing; another corrects it", async () => {
    const officer = officers[0]!;
    const entry = await latestEntryOf(officer);
    const audits = () =>
      prisma.auditEntry.count({ where: { subjectId: entry.id, action: "practicum.follow_up_recorded" } });
    const first = await followUp(officer, entry.id, "yes");
    expect(first.status).toBe(200);
    expect((await latestEntryOf(officer)).agreementKept).toBe(true);
    expect(await audits()).toBe(1);
    expect((await followUp(officer, entry.id, "yes")).status).toBe(200);
    expect(await audits()).toBe(1);
    expect((await followUp(officer, entry.id, "no")).status).toBe(200);
    expect((await latestEntryOf(officer)).agreementKept).toBe(false);
    expect(await audits()).toBe(2);
    // Back to the answer the impact figures below expect.
    await followUp(officer, entry.id, "yes");
  });

  it("refuses another officer's entry (404), a bad answer (400) and a follow-up not yet due (409)", async () => {
    const entry = await latestEntryOf(officers[0]!);
    expect((await followUp(officers[1]!, entry.id, "no")).status).toBe(404);
    const bad = await followUp(officers[0]!, entry.id, "perhaps");
    expect(bad.status).toBe(400);
    expect((bad.data as unknown as { errors: Record<string, string> }).errors.agreementKept).toMatch(/Kept/);

    await logEntry(officers[5]!, { date: "2026-11-28", agreementReached: "yes", followUpOn: "2027-01-15" });
    const later = await latestEntryOf(officers[5]!);
    const early = await followUp(officers[5]!, later.id, "yes");
    expect(early.status).toBe(409);
    expect((early.data as unknown as { errors: Record<string, string> }).errors.agreementKept).toBe(
      "The follow-up is due on 2027-01-15; record it on or after that date.",
    );
    expect((await latestEntryOf(officers[5]!)).agreementKept).toBeNull();
    // On the day itself it opens (the domain takes the moment; the page uses the clock).
    await expect(
      recordFollowUp(officers[5]!, { entryId: later.id, agreementKept: "yes" }, new Date("2027-01-15T08:00:00Z")),
    ).resolves.toEqual({ changed: true });
    await prisma.practicumEntry.delete({ where: { id: later.id } });
  });
});

describe("the follow-up-due reminder", () => {
  it("tells the officer once, in the app and by e-mail, when the date arrives and nothing is recorded", async () => {
    const officer = officers[2]!;
    await logEntry(officer, { date: "2026-11-02", agreementReached: "yes", followUpOn: "2026-12-20" });
    const entry = await latestEntryOf(officer);
    const mine = { userId: officer.id, kind: "practicum_follow_up_due" };
    await sendFollowUpReminders(new Date("2026-12-19T12:00:00Z"));
    expect(await prisma.notification.count({ where: mine })).toBe(0);

    await sendFollowUpReminders(new Date("2026-12-20T09:00:00Z"));
    await sendFollowUpReminders(new Date("2026-12-21T09:00:00Z"));
    const notes = await prisma.notification.findMany({ where: mine });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.link).toBe(`/certification#practicum-${entry.id}`);
    expect(await prisma.emailOutbox.count({ where: { notificationId: notes[0]!.id } })).toBe(1);

    // Recorded before its date arrives: no reminder for it.
    await logEntry(officers[3]!, { date: "2026-11-03", agreementReached: "yes", followUpOn: "2026-11-20" });
    const recorded = await latestEntryOf(officers[3]!);
    await recordFollowUp(officers[3]!, { entryId: recorded.id, agreementKept: "no" });
    await sendFollowUpReminders(new Date("2026-11-21T09:00:00Z"));
    expect(
      await prisma.notification.count({ where: { userId: officers[3]!.id, kind: "practicum_follow_up_due" } }),
    ).toBe(0);
    await prisma.practicumEntry.deleteMany({ where: { id: { in: [entry.id, recorded.id] } } });
  });
});

describe("the background round", () => {
  it("sends the follow-up-due reminder in its hourly scan", async () => {
    const officer = officers[1]!;
    await logEntry(officer, { date: "2026-11-04", agreementReached: "yes", followUpOn: "2026-12-22" });
    const entry = await latestEntryOf(officer);
    const round = await runBackgroundRound(new Date("2026-12-22T10:00:00Z"));
    expect(round.held).toBe(true);
    expect(
      await prisma.notification.count({
        where: { userId: officer.id, kind: "practicum_follow_up_due", dedupeKey: `practicum_follow_up:${entry.id}` },
      }),
    ).toBe(1);
    await prisma.practicumEntry.delete({ where: { id: entry.id } });
  });
});

type Row = { subject: string; figures: Record<string, Figure> };
const row = (rows: Row[], subject: string) => rows.find((r) => r.subject.includes(subject))!.figures.value;

describe("the impact report reads what officers entered", () => {
  it("moves its agreement, follow-up and satisfaction figures with the entries and follow-ups", async () => {
    const report = async () =>
      (
        await runTyped(
          impactLoader,
          get("/supervisor/impact?from=2026-10-01&to=2026-10-31", await cookieFor(supervisor.email)),
        )
      ).data.results;
    // Officer 0 logged (agreement, harmed 5, follow-up kept) above. Five more meetings in October:
    await logEntry(officers[1]!, { agreementReached: "yes", harmedPartySatisfaction: "4", followUpOn: "2026-11-01" });
    await logEntry(officers[2]!, {
      kind: "circle",
      agreementReached: "yes",
      harmedPartySatisfaction: "3",
      responsiblePartySatisfaction: "2",
      followUpOn: "2026-11-01",
    });
    await logEntry(officers[3]!, {
      kind: "indirect-dialogue",
      agreementReached: "no",
      harmedPartySatisfaction: "2",
      responsiblePartySatisfaction: "3",
    });
    await logEntry(officers[4]!, {
      agreementReached: "yes",
      responsiblePartySatisfaction: "5",
      followUpOn: "2026-11-01",
    });
    await logEntry(officers[5]!, {
      agreementReached: "yes",
      harmedPartySatisfaction: "4",
      responsiblePartySatisfaction: "4",
      followUpOn: "2026-11-01",
    });
    // A pre-meeting carries no outcome and does not count.
    await logEntry(officers[5]!, { kind: "pre-meeting" });

    let results = await report();
    expect(row(results, "Agreement reached")).toMatchObject({ value: 83.3, n: 6, people: 6 }); // 5 of 6
    expect(row(results, "kept at follow-up")).toMatchObject({ value: null, n: 1, people: 1, suppressed: true });
    expect(row(results, "Harmed party")).toMatchObject({ value: 3.6, n: 5, people: 5 }); // (5+4+3+2+4)/5
    expect(row(results, "Responsible party")).toMatchObject({ value: null, n: 4, people: 4, suppressed: true });

    // The follow-ups arrive: kept by officers 0, 2 and 4; not kept by 1 and 5: 3 of 5.
    for (const [i, kept] of [
      [1, "no"],
      [2, "yes"],
      [4, "yes"],
      [5, "no"],
    ] as const) {
      const entry = await prisma.practicumEntry.findFirstOrThrow({
        where: { officerId: officers[i]!.id, followUpOn: { not: null } },
      });
      expect((await followUp(officers[i]!, entry.id, kept)).status).toBe(200);
    }
    results = await report();
    expect(row(results, "kept at follow-up")).toMatchObject({ value: 60, n: 5, people: 5, suppressed: false });
    expect(row(results, "Agreement reached")).toMatchObject({ value: 83.3, n: 6 });
  });
});
