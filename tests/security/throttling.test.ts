// Password throttling under concurrency: many guesses sent at once must not each get a password check. The
// argon2 library's verify is wrapped (not replaced) to count how many checks really ran; everything else is
// the real actions on a real database.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES } from "../../app/auth/sign-in.server";
import { prisma } from "../../app/db/db.server";
import { action as passwordAction } from "../../app/routes/account.password";
import { loader as adminLoader } from "../../app/routes/admin.users";
import { action as loginAction } from "../../app/routes/login";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      verifications.count++;
      return real.verify(...args);
    },
  };
});

beforeAll(seedOnce);
beforeEach(() => {
  verifications.count = 0;
});

const DEMO = "circlekeeper-demo";

interface Answer {
  status: number;
  message: string | undefined;
}

/** What a response tells the person who sent it: its status and its message (times of day made comparable). */
function answerOf(result: unknown): Answer {
  if (result instanceof Response) return { status: result.status, message: undefined };
  const d = result as { init?: { status?: number }; data: { errors: Record<string, string> } };
  const message = d.data.errors.form ?? d.data.errors.currentPassword;
  return { status: d.init?.status ?? 200, message: message?.replace(/\d\d:\d\d UTC/, "HH:MM UTC") };
}

async function signInFrom(address: string, email: string, password: string): Promise<Answer> {
  try {
    return answerOf(
      await loginAction({
        request: post("/login", { email, password }),
        params: {},
        context: { clientAddress: address },
      } as never),
    );
  } catch (thrown) {
    return answerOf(thrown);
  }
}

async function changePasswordFrom(address: string, cookie: string, currentPassword: string): Promise<Answer> {
  const fields = { currentPassword, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" };
  try {
    return answerOf(
      await passwordAction({
        request: post("/account/password", fields, cookie),
        params: {},
        context: { clientAddress: address },
      } as never),
    );
  } catch (thrown) {
    return answerOf(thrown);
  }
}

const times = <T>(n: number, make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => make(i)));

describe("sign-in under concurrency", () => {
  it(`checks at most ${ACCOUNT_MAX_FAILURES} of 30 simultaneous wrong passwords for one account, then refuses the right one`, async () => {
    const answers = await times(30, (i) => signInFrom("198.18.0.1", "officer2@example.org", `wrong-password-${i}`));
    expect(verifications.count).toBeLessThanOrEqual(ACCOUNT_MAX_FAILURES);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThan(ACCOUNT_MAX_FAILURES);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(30 - ACCOUNT_MAX_FAILURES + 1);
    const right = await signInFrom("198.18.0.2", "officer2@example.org", DEMO);
    expect(right.status).toBe(429);
    expect(right.message).toMatch(/locked/);
  });

  it(`checks at most ${ADDRESS_MAX_FAILURES} of 30 simultaneous guesses from one address across accounts`, async () => {
    const answers = await times(30, (i) => signInFrom("198.18.0.3", `guess-${i}@example.org`, "a-guessed-password"));
    expect(verifications.count).toBeLessThanOrEqual(ADDRESS_MAX_FAILURES);
    expect(
      answers.filter((a) => a.status === 429 && /this network/.test(a.message ?? "")).length,
    ).toBeGreaterThanOrEqual(30 - ADDRESS_MAX_FAILURES);
    expect((await signInFrom("198.18.0.3", "trainer2@example.org", DEMO)).status).toBe(429);
    expect((await signInFrom("198.18.0.4", "trainer2@example.org", DEMO)).status).toBe(302);
  });

  it("answers an unknown email exactly as a known one, through the lockout and after it", async () => {
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    for (let i = 0; i <= ACCOUNT_MAX_FAILURES; i++) {
      known.push(await signInFrom("198.18.1.1", "r.begay@example.org", `wrong-password-${i}`));
      unknown.push(await signInFrom("198.18.1.2", "nobody-at-all@example.org", `wrong-password-${i}`));
    }
    known.push(await signInFrom("198.18.1.1", "r.begay@example.org", DEMO));
    unknown.push(await signInFrom("198.18.1.2", "nobody-at-all@example.org", DEMO));
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429, 429]);
    const lockout = known.at(-1)!.message!;
    expect(lockout).toMatch(/this email address/);
    expect(lockout).not.toMatch(/account/i);
    // Admins still see which of their people are locked out.
    const page = (await run(adminLoader, get("/admin/users?status=locked", await cookieFor("admin@example.org"))))
      .data as { users: { email: string; lockedUntil: unknown }[] };
    const locked = page.users.filter((u) => u.lockedUntil).map((u) => u.email);
    expect(locked).toContain("r.begay@example.org");
    expect(locked).not.toContain("trainer2@example.org");
  });

  it("does the same work for an unknown email as for a known one: one password check per allowed guess", async () => {
    await times(30, (i) => signInFrom("198.18.2.1", "no-such-person@example.org", `wrong-password-${i}`));
    expect(verifications.count).toBeLessThanOrEqual(ACCOUNT_MAX_FAILURES);
    expect(verifications.count).toBeGreaterThan(0);
  });
});

describe("password change under concurrency", () => {
  it(`checks at most ${ACCOUNT_MAX_FAILURES} of 30 simultaneous wrong current passwords, then refuses the right one`, async () => {
    const cookie = await cookieFor("m.garcia@example.org");
    const before = await prisma.user.findUniqueOrThrow({ where: { email: "m.garcia@example.org" } });
    await times(30, (i) => changePasswordFrom("198.18.3.1", cookie, `wrong-password-${i}`));
    expect(verifications.count).toBeLessThanOrEqual(ACCOUNT_MAX_FAILURES);
    const right = await changePasswordFrom("198.18.3.2", cookie, DEMO);
    expect(right.status).toBe(400);
    expect(right.message).toMatch(/locked/);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: before.id } })).passwordHash).toBe(before.passwordHash);
  });

  it(`checks at most ${ADDRESS_MAX_FAILURES} guesses from one address across signed-in accounts`, async () => {
    const emails = [
      "officer@example.org",
      "trainer@example.org",
      "supervisor@example.org",
      "supervisor2@example.org",
      "admin@example.org",
    ];
    const cookies = await Promise.all(emails.map(cookieFor));
    await Promise.all(
      cookies.map((cookie) =>
        times(ACCOUNT_MAX_FAILURES, (i) => changePasswordFrom("198.18.4.1", cookie, `wrong-password-${i}`)),
      ),
    );
    expect(verifications.count).toBeLessThanOrEqual(ADDRESS_MAX_FAILURES);
    const other = await changePasswordFrom("198.18.4.1", await cookieFor("l.kowalski@example.org"), DEMO);
    expect(other.status).toBe(400);
    expect(other.message).toMatch(/this network/);
  });
});
