// Sessions beyond tests/integration/auth.test.ts (which covers a new id at each sign-in, idle and absolute
// expiry, sign-out, and an admin's reset signing the user out): planted and forged ids, what the cookie holds,
// sliding idle time without extending the absolute limit, and changing one's own password. Sessions are begun
// both ways in (tests/support/ways-in.ts): with a password and through the agency's identity provider.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, sessionCookie } from "../../app/auth/session.server";
import { ACCOUNT_MAX_FAILURES } from "../../app/auth/sign-in.server";
import { emailKey } from "../../app/auth/throttle.server";
import { prisma } from "../../app/db/db.server";
import { loader as homeLoader } from "../../app/routes/_index";
import * as accountPassword from "../../app/routes/account.password";
import { action as loginAction } from "../../app/routes/login";
import { cookieFor, get, post, run, seedOnce } from "../support/app";
import { closeWaysIn, WAYS_IN } from "../support/ways-in";

beforeAll(seedOnce);
afterAll(closeWaysIn);

const DEMO = "circlekeeper-demo";

function cookiePair(headers: Headers): string {
  return (headers.get("Set-Cookie") ?? "").split(";")[0]!;
}

async function cookieWithId(id: string): Promise<string> {
  return (await sessionCookie.serialize(id)).split(";")[0]!;
}

async function signedIn(cookie: string | undefined): Promise<boolean> {
  return (await run(homeLoader, get("/", cookie))).status === 200;
}

async function idOf(cookie: string): Promise<string> {
  return (await sessionCookie.parse(cookie)) as string;
}

describe.each(WAYS_IN)("session ids begun by $name", (way) => {
  it("never adopts an id planted before sign-in", async () => {
    const planted = await cookieWithId(crypto.randomBytes(32).toString("base64url"));
    const res = await way.signIn("officer@example.org", planted);
    expect(res.status).toBe(302);
    const issued = res.cookie!;
    expect(issued).not.toBe(planted);
    expect(await prisma.session.count({ where: { id: await idOf(planted) } })).toBe(0);
    expect(await signedIn(planted)).toBe(false);
    expect(await signedIn(issued)).toBe(true);
  });

  it("keeps only 256 random bits in the cookie: no user id, email or role", async () => {
    const pair = (await way.signIn("trainer@example.org")).cookie!;
    const id = await idOf(pair);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "trainer@example.org" } });
    const decoded = Buffer.from(decodeURIComponent(pair.split("=")[1]!), "base64").toString("utf8");
    for (const leak of [user.id, user.email, user.role]) expect(decoded).not.toContain(leak);
    expect(await prisma.session.findUniqueOrThrow({ where: { id } })).toMatchObject({
      userId: user.id,
      signedInVia: way.via,
    });
  });
});

describe("forged session ids", () => {
  it("refuses forged, altered, empty and oversized ids", async () => {
    const real = await cookieFor("supervisor@example.org");
    const id = await idOf(real);
    const altered = id.slice(0, -1) + (id.endsWith("A") ? "B" : "A");
    for (const cookie of [
      await cookieWithId(crypto.randomBytes(32).toString("base64url")),
      await cookieWithId(altered),
      await cookieWithId(""),
      await cookieWithId("x".repeat(5000)),
      `ck_session=${id}`, // the raw id without the cookie's encoding
      "ck_session=' OR 1=1 --",
    ]) {
      expect(await signedIn(cookie), cookie.slice(0, 60)).toBe(false);
    }
    expect(await signedIn(real)).toBe(true);
  });
});

describe.each(WAYS_IN)("idle and absolute limits of sessions begun by $name", (way) => {
  it("an active session slides its idle time but never its absolute expiry", async () => {
    const cookie = (await way.signIn("officer2@example.org")).cookie!;
    const id = await idOf(cookie);
    const created = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(created.expiresAt.getTime() - created.createdAt.getTime()).toBe(ABSOLUTE_TIMEOUT_MS);
    // Nearly idle for too long, then active again: still signed in, and the idle clock restarts.
    await prisma.session.update({
      where: { id },
      data: { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS + 60_000) },
    });
    expect(await signedIn(cookie)).toBe(true);
    const touched = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(10_000);
    expect(touched.expiresAt.getTime()).toBe(created.expiresAt.getTime());
  });

  it("deletes a session that ran out, so the id can never come back", async () => {
    const cookie = (await way.signIn("r.begay@example.org")).cookie!;
    const id = await idOf(cookie);
    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 1) } });
    expect(await signedIn(cookie)).toBe(false);
    expect(await prisma.session.count({ where: { id } })).toBe(0);
  });
});

describe("changing one's own password", () => {
  const email = "l.kowalski@example.org";
  const change = (fields: Record<string, string>, cookie?: string) =>
    run(accountPassword.action, post("/account/password", fields, cookie));

  it("is only for someone signed in", async () => {
    const res = await change({
      currentPassword: DEMO,
      newPassword: "a-brand-new-passphrase",
      confirmPassword: "a-brand-new-passphrase",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fpassword");
  });

  it("refuses a wrong current password, a weak or unchanged new one, and a mismatch, changing nothing", async () => {
    const cookie = await cookieFor(email);
    const before = await prisma.user.findUniqueOrThrow({ where: { email } });
    const failures = async () =>
      (await prisma.signInThrottle.findUnique({ where: { key: emailKey(email) } }))?.failures ?? 0;
    const failuresBefore = await failures();
    const cases: [Record<string, string>, string, RegExp][] = [
      [
        {
          currentPassword: "not-my-password",
          newPassword: "a-brand-new-passphrase",
          confirmPassword: "a-brand-new-passphrase",
        },
        "currentPassword",
        /not right/,
      ],
      [{ currentPassword: DEMO, newPassword: "short", confirmPassword: "short" }, "newPassword", /12 characters/],
      [
        { currentPassword: DEMO, newPassword: "Password1234", confirmPassword: "Password1234" },
        "newPassword",
        /too common/,
      ],
      [
        { currentPassword: DEMO, newPassword: "aaaaaaaaaaaaaaaa", confirmPassword: "aaaaaaaaaaaaaaaa" },
        "newPassword",
        /too common/,
      ],
      [{ currentPassword: DEMO, newPassword: DEMO, confirmPassword: DEMO }, "newPassword", /different/],
      [
        { currentPassword: DEMO, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrasf" },
        "confirmPassword",
        /not the same/,
      ],
    ];
    for (const [fields, field, message] of cases) {
      const res = await change(fields, cookie);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.data.errors[field]).toMatch(message);
      // The wrong current password counts as a failed guess; a right one (the later cases) clears the count,
      // as a right password at sign-in does.
      expect(await failures(), JSON.stringify(fields)).toBe(field === "currentPassword" ? failuresBefore + 1 : 0);
    }
    const after = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await signedIn(cookie)).toBe(true);
    expect(await prisma.auditEntry.count({ where: { action: "user.password_changed", subjectId: before.id } })).toBe(0);
  });

  it("signs the user out everywhere else, keeps them signed in here on a new id, and is audited", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    const here = await cookieFor(email);
    const laptop = await cookieFor(email);
    const phone = await cookieFor(email);
    const sessionsBefore = await prisma.session.count({ where: { userId: user.id } });
    const res = await change(
      { currentPassword: DEMO, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" },
      here,
    );
    expect(res.status).toBe(302); // back to the page, on the new session (see tests/e2e/security-requests.spec.ts without JavaScript)
    expect(res.headers.get("Location")).toBe("/account/password?changed");
    const renewed = cookiePair(res.headers);
    expect(renewed).toMatch(/^ck_session=/);
    expect(renewed).not.toBe(here);
    for (const old of [laptop, phone, here]) expect(await signedIn(old)).toBe(false);
    expect(await signedIn(renewed)).toBe(true);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

    expect((await run(loginAction, post("/login", { email, password: DEMO }))).status).toBe(401);
    expect((await run(loginAction, post("/login", { email, password: "a-brand-new-passphrase" }))).status).toBe(302);

    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "user.password_changed", subjectId: user.id },
    });
    expect(entry.actorId).toBe(user.id);
    expect(JSON.parse(entry.after!)).toEqual({ sessionsEnded: sessionsBefore });
    const changed = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(changed.passwordChangedAt.getTime()).toBeGreaterThan(user.passwordChangedAt.getTime());
  });

  it("also ends the sessions begun through the agency's provider, for an account linked to one", async () => {
    const linked = "h.tran@example.org";
    const [byPassword, bySso] = WAYS_IN;
    const here = (await byPassword!.signIn(linked)).cookie!;
    const throughProvider = [(await bySso!.signIn(linked)).cookie!, (await bySso!.signIn(linked)).cookie!];
    for (const cookie of throughProvider) expect(await signedIn(cookie)).toBe(true);
    const res = await change(
      { currentPassword: DEMO, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" },
      here,
    );
    expect(res.status).toBe(302);
    for (const cookie of [here, ...throughProvider]) expect(await signedIn(cookie)).toBe(false);
    expect(await signedIn(cookiePair(res.headers))).toBe(true);
  });

  it(`locks the account after ${ACCOUNT_MAX_FAILURES} wrong current passwords, like sign-in does`, async () => {
    const target = "d.osei@example.org";
    const cookie = await cookieFor(target);
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
      await change(
        {
          currentPassword: `guess-number-${i}`,
          newPassword: "a-brand-new-passphrase",
          confirmPassword: "a-brand-new-passphrase",
        },
        cookie,
      );
    }
    const locked = await change(
      { currentPassword: DEMO, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" },
      cookie,
    );
    expect(locked.status).toBe(400);
    expect(locked.data.errors.currentPassword).toMatch(/locked/);
    const signIn = await run(loginAction, post("/login", { email: target, password: DEMO }));
    expect(signIn.status).toBe(429);
  });
});
