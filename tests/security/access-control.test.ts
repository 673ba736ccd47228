// Access control: every route × every role, with real loaders and actions on a real database.
// A refused request answers 403/404 (or sends an anonymous visitor to sign in), shows none of the owner's
// data, and changes nothing. Every action is also run by a role that may use it, and must change something:
// otherwise a refusal would prove nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitPracticum } from "../../app/certification/practicum.server";
import { newVerificationCode } from "../../app/certification/sign-off.server";
import { prisma } from "../../app/db/db.server";
import * as certificate from "../../app/routes/certification.certificates.$id";
import * as attempt from "../../app/routes/scenarios.$slug.attempts.$attemptId";
import * as audit from "../../app/routes/supervisor.audit";
import * as officerRecord from "../../app/routes/supervisor.officers.$officerId._index";
import * as officerAttempt from "../../app/routes/supervisor.officers.$officerId.attempts.$attemptId";
import * as verify from "../../app/routes/verify.$code";
import { startOrResume } from "../../app/scenarios/attempts.server";
import { NOT_YET_IN_MATRIX, ROUTES, expectRefused, f, secrets, setupFixtures } from "../support/access-matrix";
import { cookieFor, get, post, run } from "../support/app";
import { REFLECTIVE_LOG } from "../support/practicum";
import { ROLE_EMAILS, ROLE_NAMES, sessionUserOf, snapshot, textOf, type RoleName } from "../support/security";

async function cookieOf(role: RoleName): Promise<string | undefined> {
  const email = ROLE_EMAILS[role];
  return email ? cookieFor(email) : undefined;
}

const tried = { loaderCells: 0, actionCells: 0, refusedActions: 0, routes: new Set<string>() };

beforeAll(setupFixtures);

afterAll(() => {
  console.log(
    `access control: ${tried.routes.size} routes, ${ROLE_NAMES.length} roles; ${tried.loaderCells} page requests (route × role) ` +
      `and ${tried.actionCells} action requests (action × role), ${tried.refusedActions} of them refused with the database unchanged`,
  );
});

describe("the matrix covers every route", () => {
  it("has an entry for every file in app/routes", () => {
    const files = fs
      .readdirSync(path.resolve("app/routes"))
      .filter((name) => /\.tsx?$/.test(name) && !NOT_YET_IN_MATRIX.test(name));
    const listed = new Set(ROUTES.map((r) => r.file));
    expect(files.filter((name) => !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => !files.includes(name))).toEqual([]);
  });
});

for (const route of ROUTES) {
  describe(route.file, () => {
    if (route.route.loader) {
      for (const role of ROLE_NAMES) {
        const allowed = route.ok.includes(role);
        const sees = (route.see ?? route.ok).includes(role);
        it(`${role}: ${allowed ? (sees ? "sees it" : "gets a page without the owner's records") : "is refused"}`, async () => {
          tried.loaderCells++;
          tried.routes.add(route.file);
          const url = route.url(f);
          const res = await run(route.route.loader!, get(url, await cookieOf(role)), route.params?.(f) ?? {});
          const body = textOf(res.data);
          if (!allowed) expectRefused(route, role, res, url);
          else if (route.public) expect(res.status, `${role} ${url}`).toBeLessThan(400);
          else expect(res.status, `${role} ${url}: ${body.slice(0, 200)}`).toBe(200);
          if (allowed && sees && route.marker) expect(body, `${role} should see ${url}`).toContain(route.marker(f));
          if (!sees)
            for (const secret of secrets())
              expect(body, `${role} must not see ${secret} at ${url}`).not.toContain(secret);
          for (const secret of route.neverShows?.(f) ?? [])
            expect(body, `${url} shows ${secret}`).not.toContain(secret);
        });
      }
    }
    for (const action of route.actions ?? []) {
      const refused = ROLE_NAMES.filter((r) => !action.allow.includes(r));
      const allowed = [action.proof, ...action.allow.filter((r) => r !== action.proof)];
      for (const role of refused) {
        it(`${action.name}: ${role} is refused and nothing changes`, async () => {
          tried.actionCells++;
          tried.refusedActions++;
          tried.routes.add(route.file);
          const url = route.url(f);
          const before = await snapshot();
          const res = await run(
            route.route.action!,
            post(url, action.fields(f), await cookieOf(role)),
            route.params?.(f) ?? {},
          );
          if (role === "anonymous") expectRefused(route, role, res, url);
          // 400: a user of another agency is not found by the admin form's own check. 409: refused for the
          // record's state (an assessor who already scored an observation).
          else expect([400, 403, 404, 409], `${role} ${action.name} answered ${res.status}`).toContain(res.status);
          for (const secret of secrets()) expect(textOf(res.data)).not.toContain(secret);
          expect(await snapshot(), `${role} ${action.name} changed the database`).toBe(before);
        });
      }
      for (const role of allowed) {
        it(`${action.name}: ${role} may${role === action.proof ? ", and it changes the database" : ""}`, async () => {
          tried.actionCells++;
          const url = route.url(f);
          const before = await snapshot();
          const res = await run(
            route.route.action!,
            post(url, action.fields(f), await cookieOf(role)),
            route.params?.(f) ?? {},
          );
          expect([200, 302], `${role} ${action.name}: ${res.status} ${textOf(res.data).slice(0, 200)}`).toContain(
            res.status,
          );
          if (res.status === 302) expect(res.headers.get("Location")).not.toMatch(/^\/login/);
          if (role === action.proof)
            expect(await snapshot(), `${role} ${action.name} changed nothing`).not.toBe(before);
        });
      }
    }
  });
}

describe("ids that do not belong together", () => {
  it("an attempt is not found under another scenario's address, even by its owner", async () => {
    const res = await run(
      attempt.loader,
      get(`/scenarios/burglary-dialogue/attempts/${f.openAttemptId}`, await cookieOf("owner")),
      { slug: "burglary-dialogue", attemptId: f.openAttemptId },
    );
    expect(res.status).toBe(404);
  });

  it("a supervisor cannot reach an officer's attempt through another officer's address", async () => {
    const alex = await sessionUserOf(ROLE_EMAILS.sameUnitOfficer);
    const cookie = await cookieOf("supervisor");
    const res = await run(
      officerAttempt.loader,
      get(`/supervisor/officers/${alex.id}/attempts/${f.completedAttemptId}`, cookie),
      { officerId: alex.id, attemptId: f.completedAttemptId },
    );
    expect(res.status).toBe(404);
    // and an attempt of another unit's officer, under their own officer's address
    const sam = await sessionUserOf(ROLE_EMAILS.otherUnitOfficer);
    const samAttempt = await startOrResume(sam, "burglary-dialogue");
    const other = await run(
      officerAttempt.loader,
      get(`/supervisor/officers/${f.ownerId}/attempts/${samAttempt!.attemptId}`, cookie),
      { officerId: f.ownerId, attemptId: samAttempt!.attemptId },
    );
    expect(other.status).toBe(404);
  });

  it("a supervisor cannot confirm, return or revoke another unit's records through their own officer's address", async () => {
    const daniel = await sessionUserOf("d.osei@example.org"); // South
    const southEntry = await submitPracticum(daniel, {
      date: "2026-01-12",
      kind: "circle",
      processType: "Restorative circle",
      role: "Lead facilitator",
      participantCount: 5,
      outcome: "Circle held.",
      ...REFLECTIVE_LOG,
      submissionKey: crypto.randomUUID(),
    });
    const southCert = await prisma.signOff.create({
      data: {
        officerId: daniel.id,
        programSlug: "facilitator-level-2",
        supervisorId: (await sessionUserOf(ROLE_EMAILS.otherUnitSupervisor)).id,
        comment: "South sign-off",
        signedAt: new Date(),
        validUntil: new Date(Date.now() + 365 * 24 * 60 * 60 * 1000),
        kind: "initial",
        evidence: "[]",
        verificationCode: newVerificationCode(),
      },
    });
    const cookie = await cookieOf("supervisor");
    const url = `/supervisor/officers/${f.ownerId}`;
    for (const fields of <Record<string, string>[]>[
      { intent: "confirm-practicum", entryId: southEntry.id, comment: "" },
      { intent: "return-practicum", entryId: southEntry.id, comment: "Not yours to return." },
      { intent: "revoke", signOffId: southCert.id, reason: "Not yours to revoke." },
      { intent: "sign-off", program: "facilitator-level-1", comment: "Officer of another unit." },
    ]) {
      const target = fields.intent === "sign-off" ? `/supervisor/officers/${daniel.id}` : url;
      const before = await snapshot();
      const res = await run(officerRecord.action, post(target, fields, cookie), {
        officerId: fields.intent === "sign-off" ? daniel.id : f.ownerId,
      });
      expect(res.status, fields.intent).toBe(404);
      expect(await snapshot(), fields.intent).toBe(before);
    }
  });

  it("an admin sees their own agency's entries that have no unit, and not another agency's", async () => {
    const res = await run(audit.loader, get("/supervisor/audit", await cookieOf("admin")));
    expect(textOf(res.data)).toContain(f.unitlessEmail);
    const elsewhere = await run(audit.loader, get("/supervisor/audit", await cookieOf("otherAgencyAdmin")));
    expect(elsewhere.status).toBe(200);
    expect(textOf(elsewhere.data)).not.toContain(f.unitlessEmail);
  });

  it("a certificate id that does not exist and a verification code in the wrong form reveal nothing", async () => {
    const cookie = await cookieOf("admin");
    expect(
      (await run(certificate.loader, get("/certification/certificates/nope", cookie), { id: "nope" })).status,
    ).toBe(404);
    for (const code of ["", "AAAAA", "' OR 1=1 --", `${f.certificateCode.toLowerCase()}x`]) {
      expect((await run(verify.loader, get(`/verify/${encodeURIComponent(code)}`), { code })).status).toBe(404);
    }
    // lower case is the same code, not another one
    expect(
      (
        await run(verify.loader, get(`/verify/${f.certificateCode.toLowerCase()}`), {
          code: f.certificateCode.toLowerCase(),
        })
      ).status,
    ).toBe(200);
  });
});
