// Hostile input through real loaders and actions: SQL in search and filters, off-site redirects, and slugs
// that try to leave content/. (Stored script payloads are checked in the rendered HTML: tests/e2e/security-http.spec.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { ensureStandings } from "../../app/certification/evidence.server";
import { RosterQuery } from "../../app/certification/roster.server";
import { prisma } from "../../app/db/db.server";
import { loader as adminLoader } from "../../app/routes/admin.users";
import { action as loginAction } from "../../app/routes/login";
import * as moduleRoute from "../../app/routes/modules.$slug";
import * as scenario from "../../app/routes/scenarios.$slug._index";
import * as attempt from "../../app/routes/scenarios.$slug.attempts.$attemptId";
import * as roster from "../../app/routes/supervisor._index";
import * as attemptsCsv from "../../app/routes/supervisor.attempts[.]csv";
import * as rosterCsv from "../../app/routes/supervisor.roster[.]csv";
import { cookieFor, get, ORIGIN, post, run, seedOnce } from "../support/app";
import { REDIRECT_PAYLOADS, SLUG_PAYLOADS, SQL_PAYLOADS } from "../support/payloads";
import { snapshot, textOf } from "../support/security";

let northNames: string[] = [];
let southEmails: string[] = [];
let supervisor = "";

beforeAll(async () => {
  await seedOnce();
  const north = await prisma.unit.findFirstOrThrow({ where: { name: "North Precinct" } });
  const agencyId = north.agencyId;
  // Names with LIKE wildcards and a quote: a search must treat them as plain characters.
  for (const [email, name] of [
    ["pct@example.org", "Percy 100% Ready_Name"],
    ["obrien@example.org", "Kieran O'Brien"],
  ]) {
    await prisma.user.create({
      data: { email: email!, name: name!, role: "officer", agencyId, unitId: north.id, passwordHash: "x" },
    });
  }
  // Created outside the app: their roster rows come from the start-up check, as they would in production.
  await ensureStandings();
  northNames = (
    await prisma.user.findMany({ where: { role: "officer", unitId: north.id }, select: { name: true } })
  ).map((u) => u.name);
  southEmails = (
    await prisma.user.findMany({
      where: { role: "officer", unit: { name: "South Precinct" } },
      select: { email: true },
    })
  ).map((u) => u.email);
  supervisor = await cookieFor("supervisor@example.org");
});

async function rosterNames(query: Record<string, string>): Promise<string[]> {
  const res = await run(roster.loader, get(`/supervisor?${new URLSearchParams(query)}`, supervisor));
  expect(res.status).toBe(200);
  return (res.data.rows as { name: string }[]).map((r) => r.name);
}

describe("search and filters", () => {
  it("searches names literally: wildcards and quotes match themselves, SQL matches nothing", async () => {
    const all = await rosterNames({});
    expect(all.sort()).toEqual([...northNames].sort());
    expect(await rosterNames({ q: "%" })).toEqual(["Percy 100% Ready_Name"]);
    expect(await rosterNames({ q: "_" })).toEqual(["Percy 100% Ready_Name"]);
    expect(await rosterNames({ q: "O'Brien" })).toEqual(["Kieran O'Brien"]);
    expect((await rosterNames({ q: "a" })).length).toBeGreaterThan(1);
    const before = await snapshot();
    for (const q of SQL_PAYLOADS.filter((p) => p !== "%" && p !== "_" && p !== "\u0000")) {
      expect(await rosterNames({ q }), q).toEqual([]);
    }
    // SQLite ends a LIKE pattern at a NUL: it matches everyone, but only everyone the supervisor may see.
    expect((await rosterNames({ q: "\u0000" })).sort()).toEqual(all.sort());
    expect(await snapshot()).toBe(before);
    expect(await prisma.user.count()).toBeGreaterThan(10);
  });

  it("ignores hostile status, sort, direction, program, page and window values, and never leaves the supervised units", async () => {
    const all = (await rosterNames({})).sort();
    const south = await prisma.unit.findFirstOrThrow({ where: { name: "South Precinct" } });
    for (const payload of SQL_PAYLOADS) {
      for (const key of ["status", "sort", "dir", "program", "page", "expiringWithin"]) {
        expect((await rosterNames({ [key]: payload })).sort(), `${key}=${payload}`).toEqual(all);
      }
      // An unknown unit matches nobody; a value the filter cannot even parse (too long) falls back to no filter.
      const parsable = RosterQuery.safeParse({ unit: payload }).success;
      expect((await rosterNames({ unit: payload })).sort(), `unit=${payload}`).toEqual(parsable ? [] : all);
    }
    expect(await rosterNames({ unit: south.id })).toEqual([]);
  });

  it("keeps the CSV exports to the supervised units whatever the filters", async () => {
    const south = await prisma.unit.findFirstOrThrow({ where: { name: "South Precinct" } });
    for (const unit of [...SQL_PAYLOADS, south.id]) {
      for (const [loader, url] of [
        [rosterCsv.loader, "/supervisor/roster.csv"],
        [attemptsCsv.loader, "/supervisor/attempts.csv"],
      ] as const) {
        const res = await run(
          loader,
          get(`${url}?${new URLSearchParams({ unit, q: unit, status: unit })}`, supervisor),
        );
        expect(res.status).toBe(200);
        for (const email of southEmails) expect(textOf(res.data)).not.toContain(email);
      }
    }
    // control: without filters the export has the unit's officers
    const plain = await run(rosterCsv.loader, get("/supervisor/roster.csv", supervisor));
    expect(textOf(plain.data)).toContain("t.nguyen@example.org");
  });
});

describe("redirectTo", () => {
  it("never sends a signed-in user off the site", async () => {
    for (const redirectTo of REDIRECT_PAYLOADS) {
      const res = await run(
        loginAction,
        post("/login", { email: "officer@example.org", password: "circlekeeper-demo", redirectTo }),
      );
      // Anything but printable ASCII (tabs, newlines, other spaces) is refused as malformed before signing in.
      if (/[^\x21-\x7e]/.test(redirectTo)) {
        expect(res.status, JSON.stringify(redirectTo)).toBe(400);
        expect(res.headers.get("Set-Cookie")).toBeNull();
        continue;
      }
      expect(res.status, redirectTo).toBe(302);
      const location = res.headers.get("Location")!;
      expect(new URL(location, ORIGIN).origin, `${JSON.stringify(redirectTo)} went to ${location}`).toBe(ORIGIN);
    }
  });

  it("refuses control characters and line separators before signing in: a 400, and no session written", async () => {
    const sessions = await prisma.session.count();
    for (const redirectTo of [
      "/modules\u2028x",
      "/modules\u2029",
      "/a\u0000b",
      "/a\u0007",
      "/a\u007f",
      "/a\u0085",
      "/caf\u00e9",
    ]) {
      const res = await run(
        loginAction,
        post("/login", { email: "officer@example.org", password: "circlekeeper-demo", redirectTo }),
      );
      expect(res.status, JSON.stringify(redirectTo)).toBe(400);
      expect(res.data.errors.redirectTo).toMatch(/not a valid address/);
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
    expect(await prisma.session.count()).toBe(sessions);
  });

  it("round-trips a strange path through sign-in without leaving the site", async () => {
    const bounced = await run(adminLoader, get("//evil.example/admin"));
    expect(bounced.status).toBe(302);
    const redirectTo = new URL(bounced.headers.get("Location")!, ORIGIN).searchParams.get("redirectTo")!;
    const res = await run(
      loginAction,
      post("/login", { email: "admin@example.org", password: "circlekeeper-demo", redirectTo }),
    );
    expect(new URL(res.headers.get("Location")!, ORIGIN).origin).toBe(ORIGIN);
  });
});

// Slugs that would reach a real file if the server joined paths: they must not.
const MODULE_ESCAPES = [
  "../modules/what-is-restoration",
  "./what-is-restoration",
  "../../content/modules/what-is-restoration",
  "what-is-restoration.mdx",
];
const SCENARIO_ESCAPES = [
  "../scenarios/burglary-dialogue",
  "./burglary-dialogue",
  "burglary-dialogue.yaml",
  "../../content/scenarios/burglary-dialogue",
];

describe("content slugs", () => {
  it("finds modules by slug only, never by a path", async () => {
    const officer = await cookieFor("officer@example.org");
    expect(
      (await run(moduleRoute.loader, get("/modules/what-is-restoration", officer), { slug: "what-is-restoration" }))
        .status,
    ).toBe(200);
    for (const slug of [...SLUG_PAYLOADS, ...MODULE_ESCAPES]) {
      const res = await run(moduleRoute.loader, get(`/modules/${encodeURIComponent(slug)}`, officer), { slug });
      expect(res.status, slug).toBe(404);
      const posted = await run(
        moduleRoute.action,
        post(`/modules/${encodeURIComponent(slug)}`, { intent: "anchor", anchor: "x" }, officer),
        { slug },
      );
      expect(posted.status, slug).toBe(404);
    }
  });

  it("finds scenarios by slug only, and starts nothing for a path", async () => {
    const officer = await cookieFor("officer@example.org");
    expect(
      (await run(scenario.loader, get("/scenarios/burglary-dialogue", officer), { slug: "burglary-dialogue" })).status,
    ).toBe(200);
    const attempts = await prisma.attempt.count();
    for (const slug of [...SLUG_PAYLOADS, ...SCENARIO_ESCAPES]) {
      expect(
        (await run(scenario.loader, get(`/scenarios/${encodeURIComponent(slug)}`, officer), { slug })).status,
        slug,
      ).toBe(404);
      expect(
        (
          await run(scenario.action, post(`/scenarios/${encodeURIComponent(slug)}`, { intent: "start" }, officer), {
            slug,
          })
        ).status,
        slug,
      ).toBe(404);
      expect(
        (
          await run(attempt.loader, get(`/scenarios/${encodeURIComponent(slug)}/attempts/x`, officer), {
            slug,
            attemptId: slug,
          })
        ).status,
        slug,
      ).toBe(404);
    }
    expect(await prisma.attempt.count()).toBe(attempts);
  });
});
