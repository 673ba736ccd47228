// The admin users list: keyset paging, search and filters, inside the admin's agency; and the password an admin
// sets, which its owner must replace before any other page opens.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { action as passwordAction, loader as passwordLoader } from "../../app/routes/account.password";
import { action as adminAction, loader as adminLoader } from "../../app/routes/admin.users";
import { action as loginAction } from "../../app/routes/login";
import { loader as modulesLoader } from "../../app/routes/modules._index";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

beforeAll(seedOnce, 240_000);

type ListPage = {
  users: { id: string; name: string; email: string; role: string; mustChangePassword: boolean }[];
  total: number;
  next: string | null;
  previous: string | null;
};

async function list(query: string, cookie: string): Promise<ListPage> {
  const res = await run(adminLoader, get(`/admin/users${query}`, cookie));
  expect(res.status, query).toBe(200);
  return res.data as ListPage;
}

describe("admin users list", () => {
  let admin: string;
  beforeAll(async () => {
    admin = await cookieFor("admin@example.org");
  });

  it("pages through everyone by keyset, 25 at a time, in name order, each person once, and back again", async () => {
    const agencyId = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } })).agencyId;
    const everyone = await prisma.user.findMany({
      where: { agencyId },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(everyone.length).toBeGreaterThan(25);
    const seen: string[] = [];
    const pages: ListPage[] = [];
    let page = await list("", admin);
    expect(page.previous).toBeNull();
    for (;;) {
      pages.push(page);
      expect(page.users.length).toBeLessThanOrEqual(25);
      seen.push(...page.users.map((u) => u.id));
      if (!page.next) break;
      page = await list(`?after=${page.next}`, admin);
    }
    expect(seen).toEqual(everyone.map((u) => u.id));
    expect(pages[0]!.total).toBe(everyone.length);
    // Back from the last page gives the one before it, exactly.
    const back = await list(`?before=${pages.at(-1)!.previous}`, admin);
    expect(back.users.map((u) => u.id)).toEqual(pages.at(-2)!.users.map((u) => u.id));
  });

  it("keeps its place by name, not by offset: a person added before the cursor does not repeat a row", async () => {
    const first = await list("", admin);
    await run(
      adminAction,
      post(
        "/admin/users",
        {
          intent: "create",
          name: "Aaron Abbott",
          email: "a.abbott@example.org",
          role: "officer",
          unitId: "",
          password: "a-strong-passphrase",
        },
        admin,
      ),
    );
    const second = await list(`?after=${first.next}`, admin);
    expect(second.users[0]!.name > first.users.at(-1)!.name).toBe(true);
    expect(second.users.map((u) => u.id)).not.toContain(first.users.at(-1)!.id);
  });

  it("searches name and email regardless of case, and filters by role, unit and status", async () => {
    expect((await list("?q=rivera", admin)).users.map((u) => u.email)).toEqual(["officer@example.org"]);
    expect((await list("?q=RECRUIT0", admin)).users).toHaveLength(9);
    const trainers = await list("?role=trainer", admin);
    expect(trainers.users.every((u) => u.role === "trainer")).toBe(true);
    const south = await prisma.unit.findFirstOrThrow({ where: { name: "South Precinct" } });
    const southOfficers = await list(`?role=officer&unit=${south.id}`, admin);
    expect(southOfficers.users.map((u) => u.email).sort()).toEqual(
      (await prisma.user.findMany({ where: { unitId: south.id, role: "officer" }, select: { email: true } }))
        .map((u) => u.email)
        .sort(),
    );
    expect((await list("?unit=none", admin)).users.map((u) => u.email)).toContain("admin@example.org");
    // Only the admin signed in here (cookieFor begins a session).
    expect((await list("?status=active", admin)).users.map((u) => u.email)).toEqual(["admin@example.org"]);
    expect((await list("?status=inactive&q=admin@", admin)).users).toHaveLength(0);
  });

  it("never lists another agency's people", async () => {
    const other = await prisma.agency.create({
      data: {
        name: "Elsewhere County",
        users: {
          create: { email: "elsewhere.rivera@example.org", name: "Zed Rivera", role: "officer", passwordHash: "x" },
        },
      },
    });
    expect((await list("?q=rivera", admin)).users.map((u) => u.email)).toEqual(["officer@example.org"]);
    expect((await list("?q=zed", admin)).total).toBe(0);
    await prisma.user.deleteMany({ where: { agencyId: other.id } });
  });

  it("answers a bad filter or page link with 400 and a message, and shows the first page", async () => {
    for (const query of ["?role=chief", "?status=asleep", "?after=not-a-cursor", `?unit=${"x".repeat(20)}`]) {
      const res = await run(adminLoader, get(`/admin/users${query}`, admin));
      expect(res.status, query).toBe(400);
      expect(Object.values(res.data.queryErrors as Record<string, string>).join(" ")).toMatch(/Choose|not valid/);
      expect(res.data.users.length).toBe(25);
    }
  });
});

describe("must change password at next sign-in", () => {
  it("after an admin's reset, every page sends the person to change it until they do; then it is audited and over", async () => {
    const admin = await cookieFor("admin@example.org");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "recruit07@example.org" } });
    const reset = await run(
      adminAction,
      post(
        "/admin/users",
        { intent: "reset-password", userId: user.id, password: "admin-chosen-password", mustChangePassword: "yes" },
        admin,
      ),
    );
    expect(reset.status).toBe(200);
    expect((await list("?status=must-change-password", admin)).users.map((u) => u.email)).toEqual([
      "recruit07@example.org",
    ]);

    const signedIn = await run(
      loginAction,
      post("/login", { email: "recruit07@example.org", password: "admin-chosen-password" }),
    );
    const cookie = (signedIn.headers.get("Set-Cookie") ?? "").split(";")[0]!;
    for (const [loader, path] of [
      [homeLoader, "/"],
      [modulesLoader, "/modules"],
    ] as const) {
      const res = await run(loader, get(path, cookie));
      expect(res.status, path).toBe(302);
      expect(res.headers.get("Location")).toBe("/account/password");
    }
    const page = await run(passwordLoader, get("/account/password", cookie));
    expect(page.status).toBe(200);
    expect(page.data.mustChange).toBe(true);

    const changed = await run(
      passwordAction,
      post(
        "/account/password",
        {
          currentPassword: "admin-chosen-password",
          newPassword: "my-own-long-password",
          confirmPassword: "my-own-long-password",
        },
        cookie,
      ),
    );
    expect(changed.status).toBe(302);
    const newCookie = (changed.headers.get("Set-Cookie") ?? "").split(";")[0]!;
    expect((await run(homeLoader, get("/", newCookie))).status).toBe(200);
    const audit = await prisma.auditEntry.findMany({
      where: { subjectId: user.id },
      orderBy: { at: "asc" },
      select: { action: true, after: true },
    });
    expect(audit.map((a) => a.action)).toEqual(["user.password_reset", "user.password_changed"]);
    expect(JSON.parse(audit[0]!.after!)).toEqual({ mustChangePassword: true });
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({ requiredByAdmin: true });
  });

  it("is not asked for when the admin leaves the box clear", async () => {
    const admin = await cookieFor("admin@example.org");
    const created = await run(
      adminAction,
      post(
        "/admin/users",
        {
          intent: "create",
          name: "Pat Quinn",
          email: "p.quinn@example.org",
          role: "officer",
          unitId: "",
          password: "a-strong-passphrase",
        },
        admin,
      ),
    );
    expect(created.status).toBe(200);
    const signedIn = await run(
      loginAction,
      post("/login", { email: "p.quinn@example.org", password: "a-strong-passphrase" }),
    );
    expect((await run(homeLoader, get("/", (signedIn.headers.get("Set-Cookie") ?? "").split(";")[0]!))).status).toBe(
      200,
    );
  });
});
