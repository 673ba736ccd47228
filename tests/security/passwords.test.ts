// Password rules and sign-in throttling, beyond tests/integration/auth.test.ts (which proves the account
// lockout after 5 failures, the address throttle after 20, and weak passwords refused when an admin creates
// an account): the rules themselves, no account enumeration, lockouts that end, and throttles that stay local.
import { beforeAll, describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "../../app/auth/password.server";
import { ACCOUNT_LOCK_MS, ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES } from "../../app/auth/sign-in.server";
import { emailKey, lockedUntil } from "../../app/auth/throttle.server";
import { prisma } from "../../app/db/db.server";
import { action as adminAction } from "../../app/routes/admin.users";
import { action as loginAction } from "../../app/routes/login";
import { cookieFor, post, seedOnce } from "../support/app";

beforeAll(seedOnce);

const DEMO = "circlekeeper-demo";

/** The sign-in action from a given network address. */
async function signInFrom(address: string, email: string, password: string) {
  const result = await loginAction({
    request: post("/login", { email, password }),
    params: {},
    context: { clientAddress: address },
  } as never);
  if (result instanceof Response) return { status: result.status, form: undefined as string | undefined };
  const d = result as unknown as { init?: { status?: number }; data: { errors: { form?: string } } };
  return { status: d.init?.status ?? 200, form: d.data.errors.form };
}

describe("password rules", () => {
  it(`needs at least ${MIN_PASSWORD_LENGTH} characters and at most 200`, () => {
    expect(passwordProblem("quiet-river-7".slice(0, MIN_PASSWORD_LENGTH - 1))).toMatch(/at least/);
    expect(passwordProblem("quiet-river-7")).toBeNull();
    expect(passwordProblem("x1".repeat(101))).toMatch(/at most/);
  });

  it("refuses common passwords whatever their case, and one character repeated", () => {
    for (const p of [
      "password1234",
      "PASSWORD1234",
      "Qwerty123456",
      "circlekeeper",
      "CircleKeeper",
      "policeofficer",
      "000000000000",
      "zzzzzzzzzzzzzz",
    ]) {
      expect(passwordProblem(p), p).toMatch(/too common/);
    }
  });

  it("applies the rules to an admin's reset as well as to new accounts", async () => {
    const admin = await cookieFor("admin@example.org");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "a.johnson@example.org" } });
    for (const password of ["short", "password1234", "aaaaaaaaaaaaaaaa"]) {
      const res = await adminAction({
        request: post("/admin/users", { intent: "reset-password", userId: user.id, password }, admin),
        params: {},
        context: {},
      } as never);
      expect((res as { init?: { status?: number } }).init?.status, password).toBe(400);
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });
});

describe("sign-in throttling", () => {
  it("answers an unknown email exactly as a wrong password, so accounts cannot be discovered", async () => {
    const unknown = await signInFrom("192.0.2.10", "nobody-here@example.org", "some-long-password");
    const wrong = await signInFrom("192.0.2.10", "trainer2@example.org", "some-long-password");
    expect(unknown).toEqual(wrong);
    expect(unknown.status).toBe(401);
  });

  it("ends an account's lockout when its time is up", async () => {
    const email = "r.begay@example.org";
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await signInFrom("192.0.2.20", email, `wrong-password-${i}`);
    expect((await signInFrom("192.0.2.21", email, DEMO)).status).toBe(429); // from anywhere: the account is locked
    const until = await lockedUntil(emailKey(email));
    expect(until!.getTime() - Date.now()).toBeGreaterThan(ACCOUNT_LOCK_MS - 60_000);
    await prisma.signInThrottle.update({
      where: { key: emailKey(email) },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });
    expect((await signInFrom("192.0.2.22", email, DEMO)).status).toBe(302);
    expect(await prisma.signInThrottle.count({ where: { key: emailKey(email) } })).toBe(0);
  });

  it("throttles the address that guesses, not everyone else", async () => {
    const noisy = "192.0.2.30";
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++)
      await signInFrom(noisy, `guess${i}@example.org`, "a-guessed-password");
    const blocked = await signInFrom(noisy, "supervisor2@example.org", DEMO);
    expect(blocked.status).toBe(429);
    expect(blocked.form).toMatch(/this network/);
    expect((await signInFrom("192.0.2.31", "supervisor2@example.org", DEMO)).status).toBe(302);
  });
});
