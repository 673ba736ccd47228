// Sessions and access for people who sign in through their agency's provider: the same session rules and the
// same permission checks as password users (the session carries only an opaque id; role and unit come from the
// database, as the provider last set them), and open sessions that follow what the provider says later
// (app/sso/recheck.server.ts, docs/decisions/0380-sso-sessions-follow-the-provider.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDLE_TIMEOUT_MS } from "../../app/auth/session.server";
import { prisma } from "../../app/db/db.server";
import { runBackgroundRound } from "../../app/jobs/background.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as adminSignInLoader } from "../../app/routes/admin.sign-in";
import { loader as adminUsersLoader } from "../../app/routes/admin.users";
import { loader as callbackLoader } from "../../app/routes/auth.oidc.callback";
import { loader as startLoader } from "../../app/routes/auth.oidc.start";
import { action as logoutAction } from "../../app/routes/logout";
import { loader as rosterLoader } from "../../app/routes/supervisor._index";
import { RECHECK_EVERY_MS, UNCONFIRMED_LIMIT_MS, recheckSsoSessions } from "../../app/sso/recheck.server";
import { ORIGIN, cookieFor, get, post, run, runTyped, seedOnce } from "../support/app";
import { signInAtProvider, startTestProvider, type TestProvider } from "../support/oidc-provider";
import { snapshot } from "../support/security";

const CALLBACK = `${ORIGIN}/auth/oidc/callback`;
let idp: TestProvider;
let agencyId: string;

beforeAll(async () => {
  await seedOnce();
  idp = await startTestProvider({ redirectUris: [CALLBACK] });
  idp.accounts.set("officer", { email: "sso.officer@riverside.example", name: "Sso Officer", groups: ["officers"] });
  idp.accounts.set("supervisor", {
    email: "sso.supervisor@riverside.example",
    name: "Sso Supervisor",
    groups: ["supervisors"],
  });
  agencyId = (await prisma.agency.findFirstOrThrow()).id;
  await prisma.oidcConnection.create({
    data: {
      agencyId,
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: (await import("../../app/auth/secrets.server")).encryptSecret(idp.clientSecret),
      groupMapping: JSON.stringify([
        { group: "officers", role: "officer", unit: "North Precinct" },
        { group: "supervisors", role: "supervisor", unit: "North Precinct" },
      ]),
    },
  });
}, 240_000);

afterAll(() => idp?.close());

async function ssoCookie(login: string): Promise<string> {
  const start = await run(startLoader, get(`/auth/oidc/start?agency=${agencyId}`));
  const back = await signInAtProvider(start.headers.get("Location")!, login, CALLBACK);
  const res = await run(callbackLoader, get(back.slice(ORIGIN.length)));
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("ck_session="))!;
}

describe("SSO sessions", () => {
  it("keeps only an opaque id in the cookie", async () => {
    const cookie = await ssoCookie("officer");
    const value = decodeURIComponent(cookie.split("=")[1]!);
    expect(Buffer.from(value, "base64").toString("utf8")).not.toMatch(/sso|officer|riverside/i);
  });

  it("ends after the idle limit, like a password session", async () => {
    const cookie = await ssoCookie("officer");
    expect((await run(homeLoader, get("/", cookie))).status).toBe(200);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "sso.officer@riverside.example" } });
    await prisma.session.updateMany({
      where: { userId: user.id },
      data: { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) },
    });
    expect((await run(homeLoader, get("/", cookie))).status).toBe(302);
  });

  it("ends at sign-out", async () => {
    const cookie = await ssoCookie("officer");
    await run(logoutAction, post("/logout", {}, cookie));
    expect((await run(homeLoader, get("/", cookie))).status).toBe(302);
  });
});

describe("SSO users meet the same permission checks", () => {
  it("an SSO officer is refused admin and supervisor pages, changing nothing", async () => {
    const cookie = await ssoCookie("officer");
    const before = await snapshot();
    for (const loader of [adminUsersLoader, adminSignInLoader, rosterLoader]) {
      expect((await run(loader, get("/admin/users", cookie))).status).toBe(403);
    }
    expect(await snapshot()).toBe(before);
  });

  it("an SSO supervisor sees the roster of their unit, and loses it when the provider moves them to officer", async () => {
    const cookie = await ssoCookie("supervisor");
    expect((await run(rosterLoader, get("/supervisor", cookie))).status).toBe(200);
    // a supervisor's supervised units are an admin's decision; the provider gives the role
    idp.accounts.get("supervisor")!.groups = ["officers"];
    const after = await ssoCookie("supervisor");
    expect((await run(rosterLoader, get("/supervisor", after))).status).toBe(403);
    // the older session follows the role in the database at once
    expect((await run(rosterLoader, get("/supervisor", cookie))).status).toBe(403);
    expect(
      (await run(adminUsersLoader, get("/admin/users", await cookieFor("sso.supervisor@riverside.example")))).status,
    ).toBe(403);
  });
});

describe("open SSO sessions follow the provider", () => {
  const inAWhile = (ms: number) => new Date(Date.now() + ms + 1000);
  const isOpen = async (cookie: string) => (await runTyped(homeLoader, get("/", cookie))).status === 200;
  const userOf = (email: string) => prisma.user.findUniqueOrThrow({ where: { email } });
  const identityOf = async (email: string) =>
    prisma.oidcIdentity.findUniqueOrThrow({ where: { userId: (await userOf(email)).id } });

  async function signInAs(login: string, groups: string[], email = `${login}@riverside.example`): Promise<string> {
    idp.accounts.set(login, { email, name: `Sso ${login}`, groups });
    return ssoCookie(login);
  }

  it("stay open while the provider still lets the person in, asked again only when due, taking a new role from it", async () => {
    const cookie = await signInAs("stays", ["officers"]);
    const signedInAt = (await identityOf("stays@riverside.example")).confirmedAt!;
    expect((await identityOf("stays@riverside.example")).refreshToken).toBeTruthy();
    idp.accounts.get("stays")!.groups = ["supervisors"];
    await recheckSsoSessions(); // not due yet: nothing asked, nothing changed
    expect((await userOf("stays@riverside.example")).role).toBe("officer");
    const due = inAWhile(RECHECK_EVERY_MS);
    await recheckSsoSessions(due);
    expect(await isOpen(cookie)).toBe(true);
    expect((await userOf("stays@riverside.example")).role).toBe("supervisor");
    expect((await identityOf("stays@riverside.example")).confirmedAt!.getTime()).toBe(due.getTime());
    expect(due.getTime()).toBeGreaterThan(signedInAt.getTime());
    const update = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "user.sso_updated", subjectId: (await userOf("stays@riverside.example")).id },
    });
    expect(JSON.parse(update.after!)).toMatchObject({ role: "supervisor" });
  });

  it("end at the background round after the provider takes the person out of every group with a role", async () => {
    const cookie = await signInAs("leaves", ["officers"]);
    idp.accounts.get("leaves")!.groups = ["canteen-committee"];
    expect(await isOpen(cookie)).toBe(true);
    const round = await runBackgroundRound(inAWhile(RECHECK_EVERY_MS));
    expect(round.held && round.sso.refused).toBeGreaterThanOrEqual(1);
    expect(await isOpen(cookie)).toBe(false);
    const user = await userOf("leaves@riverside.example");
    const ended = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "user.sso_sessions_ended", subjectId: user.id },
    });
    expect(JSON.parse(ended.after!)).toEqual({
      reason: expect.stringMatching(/no group that has a Circlekeeper role/),
      sessionsEnded: 1,
    });
    expect((await identityOf(user.email)).refreshToken).toBeNull();
  });

  it("end at the next re-check once the person is disabled at the provider; their password session stays", async () => {
    const email = "officer@example.org"; // a demo account, linked to the provider by its email
    const throughProvider = await signInAs("disabled", ["officers"], email);
    const byPassword = await cookieFor(email);
    idp.accounts.get("disabled")!.disabled = true;
    await recheckSsoSessions(inAWhile(RECHECK_EVERY_MS));
    expect(await isOpen(throughProvider)).toBe(false);
    expect(await isOpen(byPassword)).toBe(true);
    const ended = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "user.sso_sessions_ended", subjectId: (await userOf(email)).id },
    });
    expect(JSON.parse(ended.after!).reason).toMatch(/ended the grant/);
  });

  it("survive a provider outage until the provider has not confirmed the person for the limit, then end", async () => {
    const cookie = await signInAs("outage", ["officers"]);
    idp.misbehave("down");
    try {
      await recheckSsoSessions(inAWhile(RECHECK_EVERY_MS));
      expect(await isOpen(cookie)).toBe(true);
      await recheckSsoSessions(inAWhile(UNCONFIRMED_LIMIT_MS));
      expect(await isOpen(cookie)).toBe(false);
    } finally {
      idp.misbehave(null);
    }
  });
});
