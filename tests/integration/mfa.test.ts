// Second factors for local accounts: guided enrolment, TOTP at sign-in (fixed clocks for the time rules),
// single-use recovery codes, throttling of the second step, the agency policy and an admin's reset.
import { beforeAll, describe, expect, it } from "vitest";
import { stepAt, totpCode, verifyTotp, confirmTotpEnrolment, startTotpEnrolment } from "../../app/auth/mfa.server";
import { FACTOR_LIMIT } from "../../app/auth/second-step.server";
import { prisma } from "../../app/db/db.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { action as adminSignInAction } from "../../app/routes/admin.sign-in";
import { action as loginAction } from "../../app/routes/login";
import { action as enrolAction, loader as enrolLoader } from "../../app/routes/login_.enrol";
import { action as verifyAction } from "../../app/routes/login_.verify";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

const PASSWORD = "circlekeeper-demo";

function cookiesFrom(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, ...value] = pair!.split("=");
    out[name!] = value.join("=");
  }
  return out;
}

async function signInWithPassword(email: string) {
  const res = await run(loginAction, post("/login", { email, password: PASSWORD }));
  const cookies = cookiesFrom(res.headers);
  return { res, pending: cookies.ck_pending ? `ck_pending=${cookies.ck_pending}` : null, session: cookies.ck_session };
}

async function userId(email: string) {
  return (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
}

async function enrolledSecret(email: string): Promise<{ secret: string; codes: string[] }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const { secret } = await startTotpEnrolment(user);
  // Enrolled a minute ago, so a code for "now" is a later step than the one used to confirm.
  const codes = await confirmTotpEnrolment(user, totpCode(secret, Date.now() - 60_000), Date.now() - 60_000);
  return { secret, codes };
}

beforeAll(async () => {
  await seedOnce();
  const agency = await prisma.agency.findFirstOrThrow();
  // The agency's default policy (the demo seed turns it off).
  await prisma.signInPolicy.update({ where: { agencyId: agency.id }, data: { mfaRoles: "admin supervisor trainer" } });
}, 240_000);

describe("TOTP with fixed clocks", () => {
  it("accepts the code of this step and its neighbours, never an older one, and never the same step twice", async () => {
    const { secret } = await enrolledSecret("m.garcia@example.org");
    const id = await userId("m.garcia@example.org");
    const now = Date.parse("2026-12-03T10:00:15Z");
    await prisma.totpFactor.update({ where: { userId: id }, data: { lastUsedStep: 0 } });
    expect(await verifyTotp(id, totpCode(secret, now - 90_000), now)).toBe(false); // three steps ago
    expect(await verifyTotp(id, totpCode(secret, now - 30_000), now)).toBe(true); // the step before (clock skew)
    expect(await verifyTotp(id, totpCode(secret, now - 30_000), now)).toBe(false); // replayed
    expect(await verifyTotp(id, totpCode(secret, now), now)).toBe(true);
    expect(await verifyTotp(id, totpCode(secret, now), now + 10_000)).toBe(false); // same step again
    expect(await verifyTotp(id, totpCode(secret, now + 30_000), now)).toBe(true); // the step after
    expect((await prisma.totpFactor.findUniqueOrThrow({ where: { userId: id } })).lastUsedStep).toBe(stepAt(now) + 1);
    expect(await verifyTotp(id, "12345", now)).toBe(false);
  });

  it("stores the secret encrypted and the recovery codes only as hashes", async () => {
    const { secret, codes } = await enrolledSecret("a.johnson@example.org");
    const id = await userId("a.johnson@example.org");
    const row = await prisma.totpFactor.findUniqueOrThrow({ where: { userId: id } });
    expect(row.secret).not.toContain(secret);
    expect(row.secret.startsWith("v1.")).toBe(true);
    const stored = await prisma.recoveryCode.findMany({ where: { userId: id } });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code);
  });
});

describe("guided enrolment at sign-in", () => {
  it("sends a supervisor without a factor to enrolment, with no session until a code confirms it", async () => {
    const { res, pending, session } = await signInWithPassword("supervisor2@example.org");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login/enrol");
    expect(session).toBeUndefined();
    expect(pending).toBeTruthy();
    // the pending cookie is not a session
    expect((await run(homeLoader, get("/", pending!))).status).toBe(302);

    const page = await run(enrolLoader, get("/login/enrol", pending!));
    expect(page.data.qrSvgDataUri).toMatch(/^data:image\/svg\+xml;base64,/);
    const wrong = await run(enrolAction, post("/login/enrol", { intent: "confirm-totp", code: "000000" }, pending!));
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.code).toMatch(/does not match/);
    const bad = await run(enrolAction, post("/login/enrol", { intent: "confirm-totp", code: "abc" }, pending!));
    expect(bad.status).toBe(400);

    const ok = await run(
      enrolAction,
      post("/login/enrol", { intent: "confirm-totp", code: totpCode(page.data.secret, Date.now()) }, pending!),
    );
    expect(ok.status).toBe(200);
    expect(ok.data.codes).toHaveLength(10);
    const cookies = cookiesFrom(ok.headers);
    const home = await run(homeLoader, get("/", `ck_session=${cookies.ck_session}`));
    expect(home.data).toMatchObject({ name: "Dana Whitfield" });
    const audit = await prisma.auditEntry.findFirst({
      where: { action: "user.mfa_enrolled", subjectId: await userId("supervisor2@example.org") },
    });
    expect(audit).not.toBeNull();
    // the pending sign-in is spent
    expect((await run(enrolLoader, get("/login/enrol", pending!))).status).toBe(302);
  });

  it("lets an officer (not in the policy) in with the password alone", async () => {
    const { res, session } = await signInWithPassword("officer@example.org");
    expect(res.headers.get("Location")).toBe("/");
    expect(session).toBeTruthy();
  });
});

describe("the second step", () => {
  it("asks an enrolled user for a code; a wrong one is refused, the right one opens a session, and it works once", async () => {
    const { secret } = await enrolledSecret("trainer2@example.org");
    const first = await signInWithPassword("trainer2@example.org");
    expect(first.res.headers.get("Location")).toBe("/login/verify");
    expect(first.session).toBeUndefined();
    const wrong = await run(verifyAction, post("/login/verify", { intent: "totp", code: "000000" }, first.pending!));
    expect(wrong.status).toBe(401);
    const code = totpCode(secret, Date.now());
    const ok = await run(verifyAction, post("/login/verify", { intent: "totp", code }, first.pending!));
    expect(ok.status).toBe(302);
    expect(cookiesFrom(ok.headers).ck_session).toBeTruthy();
    // the same code in a new sign-in is a replay
    const second = await signInWithPassword("trainer2@example.org");
    const replay = await run(verifyAction, post("/login/verify", { intent: "totp", code }, second.pending!));
    expect(replay.status).toBe(401);
    // and the spent pending sign-in cannot be used again
    const reused = await run(verifyAction, post("/login/verify", { intent: "totp", code }, first.pending!));
    expect(reused.status).toBe(302);
    expect(reused.headers.get("Location")).toBe("/login");
  });

  it("accepts each recovery code once", async () => {
    const { codes } = await enrolledSecret("trainer@example.org");
    const a = await signInWithPassword("trainer@example.org");
    const ok = await run(
      verifyAction,
      post("/login/verify", { intent: "recovery", recoveryCode: codes[3]!.toUpperCase() }, a.pending!),
    );
    expect(ok.status).toBe(302);
    const b = await signInWithPassword("trainer@example.org");
    const again = await run(
      verifyAction,
      post("/login/verify", { intent: "recovery", recoveryCode: codes[3]! }, b.pending!),
    );
    expect(again.status).toBe(401);
    expect(
      await prisma.recoveryCode.count({ where: { userId: await userId("trainer@example.org"), usedAt: null } }),
    ).toBe(9);
  });

  it("locks the second step after five wrong codes, even for the right code", async () => {
    const { secret } = await enrolledSecret("l.kowalski@example.org");
    await prisma.user.update({ where: { email: "l.kowalski@example.org" }, data: { role: "supervisor" } });
    const { pending } = await signInWithPassword("l.kowalski@example.org");
    const statuses: number[] = [];
    for (let i = 0; i < FACTOR_LIMIT.max; i++) {
      statuses.push(
        (await run(verifyAction, post("/login/verify", { intent: "totp", code: String(100000 + i) }, pending!))).status,
      );
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const right = await run(
      verifyAction,
      post("/login/verify", { intent: "totp", code: totpCode(secret, Date.now()) }, pending!),
    );
    expect(right.status).toBe(429);
    expect(right.data.errors.code).toMatch(/Too many wrong codes/);
  });
});

describe("the agency's policy and resets", () => {
  it("lets an admin reset a person's factors (audited, signed out), but not someone of another agency", async () => {
    await enrolledSecret("d.osei@example.org");
    const id = await userId("d.osei@example.org");
    const officerCookie = await cookieFor("d.osei@example.org");
    const admin = await cookieFor("admin@example.org");
    const res = await run(adminSignInAction, post("/admin/sign-in", { intent: "reset-factors", userId: id }, admin));
    expect(res.status).toBe(200);
    expect(await prisma.totpFactor.count({ where: { userId: id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: id } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { action: "user.mfa_reset", subjectId: id } })).toBe(1);
    expect((await run(homeLoader, get("/", officerCookie))).status).toBe(302);

    const other = await prisma.agency.create({ data: { name: "Elsewhere PD" } });
    const stranger = await prisma.user.create({
      data: {
        email: "admin@mfa-elsewhere.example",
        name: "Other Admin",
        role: "admin",
        agencyId: other.id,
        passwordHash: "x",
      },
    });
    const refused = await run(
      adminSignInAction,
      post("/admin/sign-in", { intent: "reset-factors", userId: stranger.id }, admin),
    );
    expect(refused.status).toBe(400);
    const officer = await run(
      adminSignInAction,
      post("/admin/sign-in", { intent: "reset-factors", userId: id }, await cookieFor("officer@example.org")),
    );
    expect(officer.status).toBe(403);
  });

  it("saves the policy (audited) and refuses to require SSO without a provider and a break-glass admin", async () => {
    const admin = await cookieFor("admin@example.org");
    const ok = await run(
      adminSignInAction,
      post(
        "/admin/sign-in",
        { intent: "policy", mfaRoles: ["admin", "supervisor", "trainer"], breakGlassUserId: "" },
        admin,
      ),
    );
    expect(ok.status).toBe(200);
    expect(await prisma.auditEntry.count({ where: { action: "agency.sign_in_policy_changed" } })).toBe(1);
    const noAdmin = await run(
      adminSignInAction,
      post("/admin/sign-in", { intent: "policy", requireSso: "on", breakGlassUserId: "" }, admin),
    );
    expect(noAdmin.status).toBe(400);
    const noProvider = await run(
      adminSignInAction,
      post(
        "/admin/sign-in",
        { intent: "policy", requireSso: "on", breakGlassUserId: await userId("admin@example.org") },
        admin,
      ),
    );
    expect(noProvider.status).toBe(400);
    expect(noProvider.data.errors.requireSso).toMatch(/identity provider/);
    const badRole = await run(
      adminSignInAction,
      post("/admin/sign-in", { intent: "policy", mfaRoles: "chief", breakGlassUserId: "" }, admin),
    );
    expect(badRole.status).toBe(400);
  });
});
