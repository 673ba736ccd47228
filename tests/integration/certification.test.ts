// Certification through the real routes: practicum, sign-off, revocation, certificates, verification,
// and the walls between units and between officers.
import { beforeAll, describe, expect, it } from "vitest";
import { recomputeStandings } from "../../app/certification/evidence.server";
import { prisma } from "../../app/db/db.server";
import { action as officerAction, loader as officerLoader } from "../../app/routes/certification._index";
import { loader as certificateLoader } from "../../app/routes/certification.certificates.$id";
import { loader as pdfLoader } from "../../app/routes/certification.certificates.$id[.]pdf";
import { action as cpdAction, loader as cpdLoader } from "../../app/routes/certification.cpd";
import { action as observeAction } from "../../app/routes/observations.new";
import { loader as rosterLoader } from "../../app/routes/supervisor._index";
import { loader as attemptsCsv } from "../../app/routes/supervisor.attempts[.]csv";
import { loader as auditLoader } from "../../app/routes/supervisor.audit";
import { action as recordAction, loader as recordLoader } from "../../app/routes/supervisor.officers.$officerId._index";
import { loader as supervisedAttemptLoader } from "../../app/routes/supervisor.officers.$officerId.attempts.$attemptId";
import { loader as rosterCsv } from "../../app/routes/supervisor.roster[.]csv";
import { loader as verifyLoader } from "../../app/routes/verify.$code";
import { latestVersionOf, loadVersion } from "../../app/scenarios/library.server";
import { cookieFor, get, post, run, seedOnce } from "../support/app";
import { observationFields } from "../support/observations";
import { REFLECTIVE_LOG } from "../support/practicum";

const L1 = "facilitator-level-1";
let thao: { id: string };
let sam: { id: string };
let north: string; // supervisor of North Precinct (Thao's unit)
let south: string; // supervisor of South Precinct
let thaoCookie: string;
// The demo seed gives Thao one entry waiting for confirmation (README); these tests count only what they log.
let seededEntries: string[] = [];
const loggedHere = () => ({ officerId: thao.id, id: { notIn: seededEntries } });

async function logPracticum(cookie: string, key = crypto.randomUUID()) {
  return run(
    officerAction,
    post(
      "/certification",
      {
        submissionKey: key,
        date: "2026-10-01",
        kind: "joint-meeting",
        processType: "Victim-offender dialogue",
        role: "Co-facilitator",
        participantCount: "4",
        outcome: "Agreement reached.",
        ...REFLECTIVE_LOG,
      },
      cookie,
    ),
  );
}

beforeAll(async () => {
  await seedOnce();
  thao = await prisma.user.findUniqueOrThrow({ where: { email: "t.nguyen@example.org" } });
  sam = await prisma.user.findUniqueOrThrow({ where: { email: "officer2@example.org" } });
  north = await cookieFor("supervisor@example.org");
  south = await cookieFor("supervisor2@example.org");
  thaoCookie = await cookieFor("t.nguyen@example.org");
  seededEntries = (await prisma.practicumEntry.findMany({ where: { officerId: thao.id }, select: { id: true } })).map(
    (e) => e.id,
  );
});

describe("certification", () => {
  it("shows the officer each requirement with its evidence and what to do next", async () => {
    const res = await run(officerLoader, get("/certification", thaoCookie));
    const level1 = res.data.programs.find((p: { slug: string }) => p.slug === L1);
    expect(level1.status).toBe("in_progress");
    expect(level1.nextStep).toBe(
      'Be observed by an assessor against the rubric "Facilitating a restorative meeting", at competent or better on every criterion.',
    );
    expect(level1.requirements.filter((r: { met: boolean }) => r.met)).toHaveLength(12);
    expect(level1.requirements.filter((r: { met: boolean }) => !r.met).map((r: { kind: string }) => r.kind)).toEqual([
      "observation",
      "practicum",
      "sign_off",
    ]);
    // Her role-play requirements are met by assessed first plays, one scenario from each pool.
    const roleplays = level1.requirements.filter((r: { kind: string }) => r.kind === "scenario");
    expect(roleplays).toHaveLength(3);
    for (const r of roleplays) {
      expect(r.pool).toContain(r.slug);
      expect(await prisma.attempt.findUniqueOrThrow({ where: { id: r.attemptId } })).toMatchObject({
        mode: "assessed",
        userId: thao.id,
      });
    }
  });

  it("shows Daniel Osei truly ready for sign-off under the new Level 1, each requirement met by its evidence", async () => {
    const daniel = await prisma.user.findUniqueOrThrow({ where: { email: "d.osei@example.org" } });
    const res = await run(recordLoader, get(`/supervisor/officers/${daniel.id}`, south), { officerId: daniel.id });
    const level1 = res.data.programs.find((p: { slug: string }) => p.slug === L1);
    expect(level1.status).toBe("ready_for_sign_off");
    expect(level1.canSignOff).toBe(true);
    const observation = level1.requirements.find((r: { kind: string }) => r.kind === "observation");
    const observed = await prisma.observation.findUniqueOrThrow({
      where: { id: observation.observationId },
      include: { scorings: { include: { criteria: true } } },
    });
    expect(observed.scorings).toHaveLength(2);
    expect(
      observed.scorings
        .flatMap((s) => s.criteria.map((c) => c.level))
        .every((l) => l === "competent" || l === "strong"),
    ).toBe(true);
    const practicum = level1.requirements.find((r: { kind: string }) => r.kind === "practicum");
    const entries = await prisma.practicumEntry.findMany({ where: { id: { in: practicum.entryIds } } });
    expect(entries.map((e) => [e.kind, e.role, e.status, !!e.logWhatHappened])).toEqual([
      ["joint-meeting", "Co-facilitator", "confirmed", true],
      ["joint-meeting", "Co-facilitator", "confirmed", true],
    ]);
    const attempts = await prisma.attempt.findMany({
      where: {
        id: {
          in: level1.requirements
            .filter((r: { kind: string }) => r.kind === "scenario")
            .map((r: { attemptId: string }) => r.attemptId),
        },
      },
    });
    expect(attempts.map((a) => a.mode)).toEqual(["assessed", "assessed", "assessed"]);
  });

  it("does not count a practice pass toward a role-play requirement", async () => {
    const before = (await run(officerLoader, get("/certification", thaoCookie))).data.programs.find(
      (p: { slug: string }) => p.slug === "facilitator-level-2",
    );
    const { action: startAction } = await import("../../app/routes/scenarios.$slug._index");
    const { action: attemptAction } = await import("../../app/routes/scenarios.$slug.attempts.$attemptId");
    const { compiled } = (await loadVersion((await latestVersionOf("use-of-force-meeting"))!.id))!;
    const started = await run(startAction, post("/scenarios/use-of-force-meeting", { intent: "start" }, thaoCookie), {
      slug: "use-of-force-meeting",
    });
    const attemptId = started.headers.get("Location")!.split("/").pop()!;
    for (const [position, step] of compiled.modelPath.entries()) {
      await run(
        attemptAction,
        post(
          `/scenarios/use-of-force-meeting/attempts/${attemptId}`,
          { intent: "choose", choiceId: step.choiceId, position: String(position) },
          thaoCookie,
        ),
        { slug: "use-of-force-meeting", attemptId },
      );
    }
    expect(await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      passed: true,
      mode: "practice",
    });
    const after = (await run(officerLoader, get("/certification", thaoCookie))).data.programs.find(
      (p: { slug: string }) => p.slug === "facilitator-level-2",
    );
    const roleplay = (p: { requirements: { kind: string; met: boolean }[] }) =>
      p.requirements.find((r) => r.kind === "scenario")!;
    expect(roleplay(before).met).toBe(false);
    expect(roleplay(after).met).toBe(false);
    expect(after.nextStep).toBe(before.nextStep);
  });

  it("validates a practicum entry field by field and changes nothing on bad input", async () => {
    const res = await run(
      officerAction,
      post(
        "/certification",
        { submissionKey: crypto.randomUUID(), date: "2999-01-01", participantCount: "one", outcome: "" },
        thaoCookie,
      ),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.errors).sort()).toEqual([
      "date",
      "kind",
      "outcome",
      "participantCount",
      "processType",
      "role",
    ]);
    expect(await prisma.practicumEntry.count({ where: loggedHere() })).toBe(0);
  });

  it("requires the whole reflective log for a joint meeting or a circle, with the other errors at once", async () => {
    const fields = {
      submissionKey: crypto.randomUUID(),
      date: "2026-10-01",
      processType: "Restorative circle",
      role: "Co-facilitator",
      participantCount: "6",
      outcome: "Circle held.",
    };
    const circle = await run(
      officerAction,
      post(
        "/certification",
        { ...fields, kind: "circle", date: "2999-01-01", logWentWell: "The talking piece slowed everyone down." },
        thaoCookie,
      ),
    );
    expect(circle.status).toBe(400);
    expect(Object.keys(circle.data.errors).sort()).toEqual([
      "date",
      "logSupportNeeded",
      "logWhatHappened",
      "logWouldChange",
    ]);
    expect(circle.data.errors.logWhatHappened).toBe(
      "What happened: the reflective log is required for a circle; write at least a sentence.",
    );
    const meeting = await run(officerAction, post("/certification", { ...fields, kind: "joint-meeting" }, thaoCookie));
    expect(Object.keys(meeting.data.errors)).toHaveLength(4);
    expect(meeting.data.errors.logWouldChange).toMatch(/required for a joint meeting/);
    expect(await prisma.practicumEntry.count({ where: loggedHere() })).toBe(0);
  });

  it("takes a pre-meeting without a log, refuses half a log, and keeps kind, role and log", async () => {
    const fields = {
      date: "2026-09-20",
      kind: "pre-meeting",
      processType: "Victim-offender dialogue",
      role: "Lead facilitator",
      participantCount: "2",
      outcome: "Ready to meet.",
    };
    const half = await run(
      officerAction,
      post(
        "/certification",
        {
          ...fields,
          submissionKey: crypto.randomUUID(),
          logWhatHappened: "We talked through what a meeting involves.",
        },
        thaoCookie,
      ),
    );
    expect(half.status).toBe(400);
    expect(half.data.errors.logWentWell).toBe(
      "What went well: complete every part of the log, or leave all four empty.",
    );
    expect(await prisma.practicumEntry.count({ where: loggedHere() })).toBe(0);
    const bare = await run(
      officerAction,
      post("/certification", { ...fields, submissionKey: crypto.randomUUID() }, thaoCookie),
    );
    expect(bare.status).toBe(200);
    const logged = await run(
      officerAction,
      post(
        "/certification",
        { ...fields, kind: "indirect-dialogue", submissionKey: crypto.randomUUID(), ...REFLECTIVE_LOG },
        thaoCookie,
      ),
    );
    expect(logged.status).toBe(200);
    const rows = await prisma.practicumEntry.findMany({ where: loggedHere(), orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.kind, r.role, r.logWhatHappened, r.reflection])).toEqual([
      ["pre-meeting", "Lead facilitator", null, null],
      ["indirect-dialogue", "Lead facilitator", REFLECTIVE_LOG.logWhatHappened, null],
    ]);
    const page = await run(officerLoader, get("/certification", thaoCookie));
    expect(
      page.data.practicum
        .filter((e: { id: string }) => !seededEntries.includes(e.id))
        .map((e: { kind: string }) => e.kind)
        .sort(),
    ).toEqual(["indirect-dialogue", "pre-meeting"]);
    await prisma.practicumEntry.deleteMany({ where: { officerId: thao.id } }); // the tests below start from none
  });

  it("records a resent practicum form once", async () => {
    const key = crypto.randomUUID();
    await logPracticum(thaoCookie, key);
    await logPracticum(thaoCookie, key);
    expect(await prisma.practicumEntry.count({ where: loggedHere() })).toBe(1);
  });

  it("refuses sign-off before the requirements are met", async () => {
    const res = await run(
      recordAction,
      post(`/supervisor/officers/${thao.id}`, { intent: "sign-off", program: L1, comment: "Looks good to me" }, north),
      { officerId: thao.id },
    );
    expect(res.status).toBe(409);
    expect(res.data.errors.form).toMatch(/requirement\(s\) are not met/);
    expect(await prisma.signOff.count({ where: { officerId: thao.id } })).toBe(0);
  });

  it("keeps a supervisor of another unit out of every record, form and export", async () => {
    const entry = await prisma.practicumEntry.findFirstOrThrow({ where: loggedHere() });
    expect(
      (await run(recordLoader, get(`/supervisor/officers/${thao.id}`, south), { officerId: thao.id })).status,
    ).toBe(404);
    expect(
      (
        await run(
          recordAction,
          post(`/supervisor/officers/${thao.id}`, { intent: "confirm-practicum", entryId: entry.id }, south),
          { officerId: thao.id },
        )
      ).status,
    ).toBe(404);
    // Even through the supervisor's own officer's URL, an entry of another unit is not reachable.
    expect(
      (
        await run(
          recordAction,
          post(`/supervisor/officers/${sam.id}`, { intent: "confirm-practicum", entryId: entry.id }, south),
          { officerId: sam.id },
        )
      ).status,
    ).toBe(404);
    expect((await prisma.practicumEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("submitted");
    const roster = await run(rosterLoader, get("/supervisor", south));
    expect(roster.data.rows.map((r: { id: string }) => r.id)).not.toContain(thao.id);
    const filtered = await run(rosterLoader, get(`/supervisor?unit=${thao.id}`, south));
    expect(filtered.data.rows).toEqual([]);
    const csv = await (
      await rosterCsv({ request: get("/supervisor/roster.csv", south), params: {}, context: {} })
    ).text();
    expect(csv).not.toContain("Thao Nguyen");
    const attempt = await prisma.attempt.findFirstOrThrow({ where: { userId: thao.id } });
    expect(
      (
        await run(supervisedAttemptLoader, get(`/supervisor/officers/${thao.id}/attempts/${attempt.id}`, south), {
          officerId: thao.id,
          attemptId: attempt.id,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await run(supervisedAttemptLoader, get(`/supervisor/officers/${sam.id}/attempts/${attempt.id}`, south), {
          officerId: sam.id,
          attemptId: attempt.id,
        })
      ).status,
    ).toBe(404);
  });

  it("refuses officers every supervisor page and action", async () => {
    expect((await run(rosterLoader, get("/supervisor", thaoCookie))).status).toBe(403);
    expect(
      (await run(recordLoader, get(`/supervisor/officers/${thao.id}`, thaoCookie), { officerId: thao.id })).status,
    ).toBe(403);
    expect(
      (
        await run(
          recordAction,
          post(
            `/supervisor/officers/${thao.id}`,
            { intent: "sign-off", program: L1, comment: "I certify myself" },
            thaoCookie,
          ),
          { officerId: thao.id },
        )
      ).status,
    ).toBe(403);
    expect((await run(auditLoader, get("/supervisor/audit", thaoCookie))).status).toBe(403);
  });

  it("returns a practicum entry only with a comment, confirms entries, then signs off with an audit trail", async () => {
    const [first] = await prisma.practicumEntry.findMany({ where: loggedHere() });
    const noComment = await run(
      recordAction,
      post(`/supervisor/officers/${thao.id}`, { intent: "return-practicum", entryId: first!.id, comment: "" }, north),
      { officerId: thao.id },
    );
    expect(noComment.status).toBe(400);
    await run(
      recordAction,
      post(`/supervisor/officers/${thao.id}`, { intent: "confirm-practicum", entryId: first!.id }, north),
      { officerId: thao.id },
    );
    await logPracticum(thaoCookie);
    const second = await prisma.practicumEntry.findFirstOrThrow({ where: { ...loggedHere(), status: "submitted" } });
    await run(
      recordAction,
      post(
        `/supervisor/officers/${thao.id}`,
        { intent: "confirm-practicum", entryId: second.id, comment: "Observed." },
        north,
      ),
      { officerId: thao.id },
    );
    const standing = () =>
      prisma.officerStanding.findUniqueOrThrow({
        where: { officerId_programSlug: { officerId: thao.id, programSlug: L1 } },
      });
    expect((await standing()).status).toBe("in_progress"); // no observed assessment yet
    // Observed at competent or better on every criterion by Morgan Hale (an assessor in the demo seed).
    expect(
      (await run(observeAction, post("/observations/new", observationFields(thao.id, ["competent", "strong"]), north)))
        .status,
    ).toBe(302);
    expect((await standing()).status).toBe("ready_for_sign_off");

    const noReason = await run(
      recordAction,
      post(`/supervisor/officers/${thao.id}`, { intent: "sign-off", program: L1, comment: "" }, north),
      { officerId: thao.id },
    );
    expect(noReason.status).toBe(400);
    const signed = await run(
      recordAction,
      post(
        `/supervisor/officers/${thao.id}`,
        { intent: "sign-off", program: L1, comment: "All requirements met." },
        north,
      ),
      { officerId: thao.id },
    );
    expect(signed.status).toBe(200);
    const again = await run(
      recordAction,
      post(
        `/supervisor/officers/${thao.id}`,
        { intent: "sign-off", program: L1, comment: "All requirements met." },
        north,
      ),
      { officerId: thao.id },
    );
    expect(again.data.message).toMatch(/already signed off/);
    expect(await prisma.signOff.count({ where: { officerId: thao.id } })).toBe(1);
    const actions = (await prisma.auditEntry.findMany({ where: { officerId: thao.id } })).map((a) => a.action).sort();
    expect(actions).toEqual([
      "certification.signed_off",
      "observation.recorded",
      "practicum.confirmed",
      "practicum.confirmed",
    ]);
    const roster = await run(rosterLoader, get("/supervisor?status=certified", north));
    expect(roster.data.rows.map((r: { id: string }) => r.id)).toContain(thao.id);
  });

  it("gives the officer a certificate page and PDF, not visible to other officers, and a public verification", async () => {
    const signOff = await prisma.signOff.findFirstOrThrow({ where: { officerId: thao.id } });
    const page = await run(certificateLoader, get(`/certification/certificates/${signOff.id}`, thaoCookie), {
      id: signOff.id,
    });
    expect(page.data).toMatchObject({ officerName: "Thao Nguyen", validity: "valid", code: signOff.verificationCode });
    const pdf = await pdfLoader({
      request: get(`/certification/certificates/${signOff.id}.pdf`, thaoCookie),
      params: { id: signOff.id },
      context: {},
    });
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const other = await cookieFor("officer@example.org");
    expect(
      (await run(certificateLoader, get(`/certification/certificates/${signOff.id}`, other), { id: signOff.id }))
        .status,
    ).toBe(404);
    const verified = await run(verifyLoader, get(`/verify/${signOff.verificationCode}`), {
      code: signOff.verificationCode,
    });
    expect(verified.data.validity).toBe("valid");
    expect(Object.keys(verified.data).sort()).toEqual([
      "credential",
      "issuedAt",
      "officerName",
      "programTitle",
      "validUntil",
      "validity",
    ]);
    // The credential's check repeats only what the page already says: who, what, by whom, from when to when.
    expect(verified.data.credential).toMatchObject({ valid: true, says: { holder: verified.data.officerName } });
    expect(Object.keys(verified.data.credential.says).sort()).toEqual([
      "holder",
      "issuer",
      "name",
      "validFrom",
      "validUntil",
    ]);
    expect((await run(verifyLoader, get("/verify/AAAAA-AAAAA"), { code: "AAAAA-AAAAA" })).status).toBe(404);
    expect((await run(verifyLoader, get("/verify/' OR 1=1 --"), { code: "' OR 1=1 --" })).status).toBe(404);
  });

  it("revokes only with a reason, and a revoked certificate verifies as revoked", async () => {
    const signOff = await prisma.signOff.findFirstOrThrow({ where: { officerId: thao.id } });
    expect(
      (
        await run(
          recordAction,
          post(`/supervisor/officers/${thao.id}`, { intent: "revoke", signOffId: signOff.id, reason: "" }, north),
          { officerId: thao.id },
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await run(
          recordAction,
          post(
            `/supervisor/officers/${sam.id}`,
            { intent: "revoke", signOffId: signOff.id, reason: "Wrong unit attempt" },
            south,
          ),
          { officerId: sam.id },
        )
      ).status,
    ).toBe(404);
    expect((await prisma.signOff.findUniqueOrThrow({ where: { id: signOff.id } })).revokedAt).toBeNull();
    await run(
      recordAction,
      post(
        `/supervisor/officers/${thao.id}`,
        { intent: "revoke", signOffId: signOff.id, reason: "Finding of a professional standards review." },
        north,
      ),
      { officerId: thao.id },
    );
    const verified = await run(verifyLoader, get(`/verify/${signOff.verificationCode}`), {
      code: signOff.verificationCode,
    });
    expect(verified.data.validity).toBe("revoked");
    const officerView = await run(officerLoader, get("/certification", thaoCookie));
    expect(officerView.data.programs.find((p: { slug: string }) => p.slug === L1).status).toBe("revoked");
    const audit = await run(auditLoader, get("/supervisor/audit", north));
    expect(audit.data.entries[0]).toMatchObject({ action: "certification.revoked", officerId: thao.id });
    const southAudit = await run(auditLoader, get("/supervisor/audit", south));
    expect(southAudit.data.entries.map((e: { officerId: string }) => e.officerId)).not.toContain(thao.id);
  });

  it("exports the roster and attempts as CSV with the filters applied, safe against formula injection", async () => {
    const csv = await (
      await rosterCsv({
        request: get(`/supervisor/roster.csv?program=${L1}&status=expiring_soon`, north),
        params: {},
        context: {},
      })
    ).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe(
      "officer_id,name,email,unit,program,status,requirements_met,requirements_total,valid_until,program_code,status_code",
    );
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["Aisha Johnson"]);
    // Words for people, codes in their own columns for machines.
    expect(lines[1]).toContain(`,"Restorative Facilitator, Level 1",Expiring soon,`);
    expect(lines[1]).toMatch(/,facilitator-level-1,expiring_soon$/);
    await prisma.user.update({ where: { id: thao.id }, data: { name: '=HYPERLINK("http://evil")' } });
    const attempts = await (
      await attemptsCsv({ request: get("/supervisor/attempts.csv", north), params: {}, context: {} })
    ).text();
    expect(attempts).toContain(`"'=HYPERLINK(""http://evil"")"`);
    await prisma.user.update({ where: { id: thao.id }, data: { name: "Thao Nguyen" } });
  });

  it("counts CPD hours for renewal once a supervisor of the officer's unit confirms them, audited", async () => {
    const aisha = await prisma.user.findUniqueOrThrow({ where: { email: "a.johnson@example.org" } });
    const aishaCookie = await cookieFor("a.johnson@example.org");
    const renewal = async () =>
      (await run(officerLoader, get("/certification", aishaCookie))).data.programs.find(
        (p: { slug: string }) => p.slug === L1,
      ).renewal;
    const cpdOf = (r: { requirements: { kind: string }[] }) =>
      r.requirements.find((x) => x.kind === "cpd") as unknown as { hours: number; met: boolean };
    expect(cpdOf(await renewal())).toMatchObject({ hours: 8, met: false });
    expect((await renewal()).requirements.find((x: { kind: string }) => x.kind === "formal_processes")).toMatchObject({
      met: true,
      confirmed: 1,
    });

    const bad = await run(
      cpdAction,
      post(
        "/certification/cpd",
        { submissionKey: crypto.randomUUID(), date: "2999-01-01", hours: "0.3", activity: "", evidence: "x" },
        aishaCookie,
      ),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors).sort()).toEqual(["activity", "date", "evidence", "hours"]);
    const before = await prisma.cpdActivity.count({ where: { officerId: aisha.id } });
    const today = new Date().toISOString().slice(0, 10);
    const logged = await run(
      cpdAction,
      post(
        "/certification/cpd",
        {
          submissionKey: crypto.randomUUID(),
          date: today,
          hours: "4",
          activity: "Regional restorative practice network meeting",
          evidence: "Agenda and sign-in sheet.",
        },
        aishaCookie,
      ),
    );
    expect(logged.status).toBe(200);
    expect(await prisma.cpdActivity.count({ where: { officerId: aisha.id } })).toBe(before + 1);
    expect(cpdOf(await renewal()).hours).toBe(8); // not confirmed yet
    const page = await run(cpdLoader, get("/certification/cpd", aishaCookie));
    const mine = page.data.activities.find((a: { activity: string }) => a.activity.startsWith("Regional"));
    // South's supervisor cannot confirm a North officer's activity; Morgan can.
    expect(
      (
        await run(
          recordAction,
          post(`/supervisor/officers/${sam.id}`, { intent: "confirm-cpd", activityId: mine.id }, south),
          { officerId: sam.id },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await run(
          recordAction,
          post(`/supervisor/officers/${aisha.id}`, { intent: "return-cpd", activityId: mine.id, comment: "" }, north),
          { officerId: aisha.id },
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await run(
          recordAction,
          post(`/supervisor/officers/${aisha.id}`, { intent: "confirm-cpd", activityId: mine.id }, north),
          { officerId: aisha.id },
        )
      ).status,
    ).toBe(200);
    expect(cpdOf(await renewal())).toMatchObject({ hours: 12, met: true });
    const audit = (await prisma.auditEntry.findMany({ where: { subjectId: mine.id }, orderBy: { at: "asc" } })).map(
      (a) => a.action,
    );
    expect(audit).toEqual(["cpd.logged", "cpd.confirmed"]);
    // The officer's record labels every action on it, the officer's own logging included.
    const record = await run(recordLoader, get(`/supervisor/officers/${aisha.id}`, north), { officerId: aisha.id });
    const labels = record.data.audit
      .filter((a: { subjectId: string }) => a.subjectId === mine.id)
      .map((a: { label: string }) => a.label);
    expect(labels).toEqual(["Development activity confirmed", "Development activity logged"]);
  });

  it("cannot be used by an officer to read another officer's attempts", async () => {
    const attempt = await prisma.attempt.findFirstOrThrow({ where: { userId: thao.id } });
    const other = await cookieFor("officer@example.org");
    const { loader } = await import("../../app/routes/scenarios.$slug.attempts.$attemptId");
    expect(
      (
        await run(loader, get(`/scenarios/${attempt.scenarioSlug}/attempts/${attempt.id}`, other), {
          slug: attempt.scenarioSlug,
          attemptId: attempt.id,
        })
      ).status,
    ).toBe(404);
  });
  it("lists an officer whose roster row became ready by the passing of time under ready for sign-off, not in progress", async () => {
    const miguel = await prisma.user.findUniqueOrThrow({ where: { email: "m.garcia@example.org" } });
    const key = { officerId_programSlug: { officerId: miguel.id, programSlug: L1 } };
    const ids = async (status: string) =>
      (await run(rosterLoader, get(`/supervisor?program=${L1}&status=${status}`, north))).data.rows.map(
        (r: { id: string; status: string }) => `${r.id}:${r.status}`,
      );
    // A row written when only a held-program requirement was missing: ready from readyAt on.
    await prisma.officerStanding.update({
      where: key,
      data: { status: "in_progress", readyAt: new Date(Date.now() + 86_400_000) },
    });
    expect(await ids("in_progress")).toContain(`${miguel.id}:in_progress`);
    await prisma.officerStanding.update({ where: key, data: { readyAt: new Date(Date.now() - 1000) } });
    expect(await ids("ready_for_sign_off")).toContain(`${miguel.id}:ready_for_sign_off`);
    expect((await ids("in_progress")).some((r: string) => r.startsWith(miguel.id))).toBe(false);
    await prisma.$transaction((tx) => recomputeStandings(tx, miguel.id));
    expect((await prisma.officerStanding.findUniqueOrThrow({ where: key })).readyAt).toBeNull();
  });
});
