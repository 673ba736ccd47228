import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, sessionCookie } from "../../app/auth/session.server";
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES } from "../../app/auth/sign-in.server";
import { prisma } from "../../app/db/db.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as adminLoader, action as adminAction } from "../../app/routes/admin.users";
import { loader as healthLoader } from "../../app/routes/healthcheck";
import { action as loginAction } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { cookieFor, get, post, run, seedOnce } from "../support/app";
import { closeWaysIn, WAYS_IN } from "../support/ways-in";

beforeAll(seedOnce);
afterAll(closeWaysIn);

function sessionCookieFrom(headers: Headers): string {
  const setCookie = headers.get("Set-Cookie") ?? "";
  return setCookie.split(";")[0]!;
}

describe("sign-in", () => {
  it("signs in with the demo password, sets a strict session cookie holding an opaque id, and lands home", async () => {
    const res = await run(loginAction, post("/login", { email: "Officer@Example.org", password: "circlekeeper-demo" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
    const setCookie = res.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const home = await run(homeLoader, get("/", sessionCookieFrom(res.headers)));
    expect(home.data).toMatchObject({ name: "Alex Rivera", role: "officer" });
    expect(home.data.todo[0]).toEqual({
      text: expect.stringMatching(/^Next module: /),
      to: expect.stringMatching(/^\/modules\//),
    });
  });

  it("answers a malformed form with 400 and field messages", async () => {
    const res = await run(loginAction, post("/login", { email: "not-an-email" }));
    expect(res.status).toBe(400);
    expect(res.data.errors.email).toMatch(/valid email/);
    expect(res.data.errors.password).toMatch(/password/i);
  });

  it("refuses a wrong password with a clear message", async () => {
    const res = await run(loginAction, post("/login", { email: "officer2@example.org", password: "wrong-password-1" }));
    expect(res.status).toBe(401);
    expect(res.data.errors.form).toMatch(/do not match/);
  });

  it("never redirects off-site after sign-in", async () => {
    for (const redirectTo of ["//evil.example", "https://evil.example", "/\\evil.example"]) {
      const res = await run(
        loginAction,
        post("/login", { email: "officer@example.org", password: "circlekeeper-demo", redirectTo }),
      );
      expect(res.headers.get("Location")).toBe("/");
    }
    const ok = await run(
      loginAction,
      post("/login", { email: "officer@example.org", password: "circlekeeper-demo", redirectTo: "/modules" }),
    );
    expect(ok.headers.get("Location")).toBe("/modules");
  });

  it(`locks an account after ${ACCOUNT_MAX_FAILURES} failures, even for the right password, and an admin reset unlocks it`, async () => {
    const email = "m.garcia@example.org";
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) {
      expect((await run(loginAction, post("/login", { email, password: `wrong-${i}-password` }))).status).toBe(401);
    }
    const last = await run(loginAction, post("/login", { email, password: "wrong-last-password" }));
    expect(last.status).toBe(429);
    expect(last.data.errors.form).toMatch(/locked/);
    const right = await run(loginAction, post("/login", { email, password: "circlekeeper-demo" }));
    expect(right.status).toBe(429);
    expect(right.data.errors.form).toMatch(/locked/);

    const admin = await cookieFor("admin@example.org");
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    const reset = await run(
      adminAction,
      post("/admin/users", { intent: "reset-password", userId: user.id, password: "a-new-long-password" }, admin),
    );
    expect(reset.status).toBe(200);
    expect((await run(loginAction, post("/login", { email, password: "a-new-long-password" }))).status).toBe(302);
  });

  it(`throttles an address after ${ADDRESS_MAX_FAILURES} failures across accounts`, async () => {
    await prisma.signInThrottle.deleteMany();
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      await run(loginAction, post("/login", { email: `nobody${i}@example.org`, password: "whatever-password" }));
    }
    const res = await run(
      loginAction,
      post("/login", { email: "supervisor@example.org", password: "circlekeeper-demo" }),
    );
    expect(res.status).toBe(429);
    expect(res.data.errors.form).toMatch(/this network/);
    await prisma.signInThrottle.deleteMany();
  });
});

describe.each(WAYS_IN)("sessions begun by $name", (way) => {
  const signIn = async (email: string, cookie?: string) => {
    const res = await way.signIn(email, cookie);
    expect(res.status, `${way.name} sign-in of ${email}`).toBe(302);
    return { ...res, cookie: res.cookie! };
  };

  it("sets an HttpOnly, SameSite=Lax cookie for the whole site that lasts no longer than the session", async () => {
    const { setCookie, cookie } = await signIn("officer@example.org");
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).toMatch(new RegExp(`; Max-Age=${ABSOLUTE_TIMEOUT_MS / 1000}(;|$)`));
    const session = await prisma.session.findUniqueOrThrow({ where: { id: await sessionCookie.parse(cookie) } });
    expect(session.signedInVia).toBe(way.via);
  });

  it("issues a new session id at every sign-in and ends the one it replaces", async () => {
    const a = await signIn("trainer@example.org");
    const b = await signIn("trainer@example.org", a.cookie);
    expect(b.cookie).not.toBe(a.cookie);
    expect((await run(homeLoader, get("/", a.cookie))).status).toBe(302);
    expect((await run(homeLoader, get("/", b.cookie))).status).toBe(200);
  });

  it("ends a session after the idle timeout", async () => {
    const { cookie } = await signIn("officer@example.org");
    await prisma.session.updateMany({ data: { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) } });
    const res = await run(homeLoader, get("/", cookie));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login");
  });

  it("ends a session after its absolute expiry even when active", async () => {
    const { cookie } = await signIn("officer@example.org");
    expect((await run(homeLoader, get("/", cookie))).status).toBe(200);
    await prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() } });
    expect((await run(homeLoader, get("/", cookie))).status).toBe(302);
  });

  it("signs out", async () => {
    const { cookie } = await signIn("officer@example.org");
    const res = await run(logoutAction, post("/logout", {}, cookie));
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect((await run(homeLoader, get("/", cookie))).status).toBe(302);
  });

  it("an admin's password reset signs the user out everywhere; a role change applies to open sessions at once", async () => {
    const admin = await cookieFor("admin@example.org");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "r.begay@example.org" } });
    const laptop = (await signIn(user.email)).cookie;
    const phone = (await signIn(user.email)).cookie;
    expect((await run(homeLoader, get("/", phone))).data).toMatchObject({ role: "officer" });
    const update = (role: string) =>
      run(adminAction, post("/admin/users", { intent: "update", userId: user.id, role, unitId: user.unitId! }, admin));
    expect((await update("trainer")).status).toBe(200);
    expect((await run(homeLoader, get("/", phone))).data).toMatchObject({ role: "trainer" });
    expect((await update("officer")).status).toBe(200);
    const reset = await run(
      adminAction,
      post("/admin/users", { intent: "reset-password", userId: user.id, password: "another-long-password" }, admin),
    );
    expect(reset.status).toBe(200);
    for (const cookie of [laptop, phone]) expect((await run(homeLoader, get("/", cookie))).status).toBe(302);
    // the next way in signs in with the demo password again
    await prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: user.passwordHash, mustChangePassword: false },
    });
  });
});

describe("signed-out visitors", () => {
  it("are sent to sign in, remembering where they were going", async () => {
    const res = await run(adminLoader, get("/admin/users?x=1"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers%3Fx%3D1");
  });
});

describe("admin users", () => {
  it("refuses officers, trainers and supervisors with 403", async () => {
    for (const email of ["officer@example.org", "trainer@example.org", "supervisor@example.org"]) {
      const cookie = await cookieFor(email);
      expect((await run(adminLoader, get("/admin/users", cookie))).status).toBe(403);
      expect(
        (
          await run(
            adminAction,
            post(
              "/admin/users",
              {
                intent: "create",
                name: "X",
                email: "x@example.org",
                role: "admin",
                unitId: "",
                password: "long-enough-password",
              },
              cookie,
            ),
          )
        ).status,
      ).toBe(403);
    }
    expect(await prisma.user.count({ where: { email: "x@example.org" } })).toBe(0);
  });

  it("creates a user, records the audit entry, and refuses weak passwords and duplicates", async () => {
    const cookie = await cookieFor("admin@example.org");
    const unit = await prisma.unit.findFirstOrThrow({ where: { name: "North Precinct" } });
    const weak = await run(
      adminAction,
      post(
        "/admin/users",
        {
          intent: "create",
          name: "Pat Lee",
          email: "pat@example.org",
          role: "officer",
          unitId: unit.id,
          password: "password1234",
        },
        cookie,
      ),
    );
    expect(weak.status).toBe(400);
    expect(weak.data.errors.password).toMatch(/too common/);
    const short = await run(
      adminAction,
      post(
        "/admin/users",
        {
          intent: "create",
          name: "Pat Lee",
          email: "pat@example.org",
          role: "officer",
          unitId: unit.id,
          password: "short",
        },
        cookie,
      ),
    );
    expect(short.data.errors.password).toMatch(/12/);
    expect(await prisma.user.count({ where: { email: "pat@example.org" } })).toBe(0);

    const ok = await run(
      adminAction,
      post(
        "/admin/users",
        {
          intent: "create",
          name: "Pat Lee",
          email: "pat@example.org",
          role: "officer",
          unitId: unit.id,
          password: "a-strong-passphrase",
        },
        cookie,
      ),
    );
    expect(ok.status).toBe(200);
    const pat = await prisma.user.findUniqueOrThrow({ where: { email: "pat@example.org" } });
    expect(pat.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await prisma.auditEntry.count({ where: { action: "user.created", subjectId: pat.id } })).toBe(1);

    const dup = await run(
      adminAction,
      post(
        "/admin/users",
        {
          intent: "create",
          name: "Pat Again",
          email: "PAT@example.org",
          role: "officer",
          unitId: unit.id,
          password: "a-strong-passphrase",
        },
        cookie,
      ),
    );
    expect(dup.status).toBe(400);
    expect(dup.data.errors.email).toMatch(/already exists/);
  });

  it("changes role and unit with audit entries, and a password reset signs the user out everywhere", async () => {
    const admin = await cookieFor("admin@example.org");
    const officer = await prisma.user.findUniqueOrThrow({ where: { email: "t.nguyen@example.org" } });
    const south = await prisma.unit.findFirstOrThrow({ where: { name: "South Precinct" } });
    const officerCookie = await cookieFor(officer.email);
    await run(
      adminAction,
      post("/admin/users", { intent: "update", userId: officer.id, role: "trainer", unitId: south.id }, admin),
    );
    const actions = (await prisma.auditEntry.findMany({ where: { subjectId: officer.id } }))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(["user.role_changed", "user.unit_changed"]);
    await run(
      adminAction,
      post("/admin/users", { intent: "reset-password", userId: officer.id, password: "another-long-password" }, admin),
    );
    expect((await run(homeLoader, get("/", officerCookie))).status).toBe(302);
  });

  it("refuses a unit or user from outside the admin's agency and an unknown intent", async () => {
    const admin = await cookieFor("admin@example.org");
    const other = await prisma.agency.create({
      data: { name: "Elsewhere PD", units: { create: { name: "Elsewhere Unit" } } },
      include: { units: true },
    });
    const officer = await prisma.user.findUniqueOrThrow({ where: { email: "officer2@example.org" } });
    const res = await run(
      adminAction,
      post(
        "/admin/users",
        { intent: "update", userId: officer.id, role: "officer", unitId: other.units[0]!.id },
        admin,
      ),
    );
    expect(res.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: officer.id } })).unitId).toBe(officer.unitId);
    const bad = await run(adminAction, post("/admin/users", { intent: "drop-table" }, admin));
    expect(bad.status).toBe(400);
  });
});

describe("healthcheck", () => {
  it("answers 200 when the database answers", async () => {
    const res = await run(healthLoader, get("/healthcheck"));
    expect(res.status).toBe(200);
  });
});
