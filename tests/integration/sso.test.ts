// Single sign-on against a real OpenID provider (tests/support/oidc-provider.ts): provisioning, group→role
// mapping, a changed group, a disabled user, and the protocol checks: forged state, replayed code, wrong nonce,
// another audience, clock skew.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { action as adminSignInAction } from "../../app/routes/admin.sign-in";
import { loader as callbackLoader } from "../../app/routes/auth.oidc.callback";
import { loader as startLoader } from "../../app/routes/auth.oidc.start";
import { action as loginAction } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { loader as signedOutLoader } from "../../app/routes/signed-out";
import { ORIGIN, cookieFor, get, post, run, seedOnce } from "../support/app";
import { signInAtProvider, startTestProvider, type TestProvider } from "../support/oidc-provider";

const CALLBACK = `${ORIGIN}/auth/oidc/callback`;
let idp: TestProvider;
let agencyId: string;

const MAPPING = JSON.stringify([
  { group: "ck-admins", role: "admin" },
  { group: "ck-supervisors", role: "supervisor", unit: "North Precinct" },
  { group: "ck-officers", role: "officer" },
  { group: "south", unit: "South Precinct" },
  { group: "north", unit: "North Precinct" },
]);

beforeAll(async () => {
  await seedOnce();
  idp = await startTestProvider({ redirectUris: [CALLBACK], postLogoutRedirectUris: [`${ORIGIN}/login`] });
  idp.accounts.set("jdoe", { email: "j.doe@riverside.example", name: "Jamie Doe", groups: ["ck-officers", "south"] });
  idp.accounts.set("ksmith", { email: "k.smith@riverside.example", name: "Kim Smith", groups: ["ck-supervisors"] });
  idp.accounts.set("gone", {
    email: "gone@riverside.example",
    name: "Former Officer",
    groups: ["ck-officers"],
    disabled: true,
  });
  idp.accounts.set("nogroup", { email: "visitor@riverside.example", name: "Visitor", groups: ["parking"] });
  agencyId = (await prisma.agency.findFirstOrThrow()).id;
  const admin = await cookieFor("admin@example.org");
  const saved = await run(
    adminSignInAction,
    post(
      "/admin/sign-in",
      {
        intent: "provider",
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        emailClaim: "email",
        nameClaim: "name",
        groupsClaim: "groups",
        unitClaim: "",
        groupMapping: MAPPING,
        requiredGroup: "",
        enabled: "on",
      },
      admin,
    ),
  );
  expect(saved.status).toBe(200);
}, 240_000);

afterAll(() => idp?.close());

async function providerRedirect(login: string): Promise<string> {
  const start = await run(startLoader, get(`/auth/oidc/start?agency=${agencyId}`));
  expect(start.status).toBe(302);
  return signInAtProvider(start.headers.get("Location")!, login, CALLBACK);
}

async function callback(url: string) {
  const res = await run(callbackLoader, get(url.slice(ORIGIN.length)));
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("ck_session="));
  return { ...res, session };
}

describe("provisioning and mapping", () => {
  it("stores the client secret encrypted, and never sends it back to the page", async () => {
    const row = await prisma.oidcConnection.findUniqueOrThrow({ where: { agencyId } });
    expect(row.clientSecret).not.toContain(idp.clientSecret);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "agency.identity_provider_changed" } });
    expect(audit.after).not.toContain(idp.clientSecret);
  });

  it("signs a new officer in through the provider and provisions them with the mapped role and unit", async () => {
    const res = await callback(await providerRedirect("jdoe"));
    expect(res.status).toBe(302);
    expect(res.session).toBeTruthy();
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "j.doe@riverside.example" },
      include: { unit: true },
    });
    expect(user).toMatchObject({ name: "Jamie Doe", role: "officer", agencyId });
    expect(user.unit?.name).toBe("South Precinct");
    expect(await prisma.auditEntry.count({ where: { action: "user.sso_provisioned", subjectId: user.id } })).toBe(1);
    const home = await run(homeLoader, get("/", res.session));
    expect(home.data).toMatchObject({ name: "Jamie Doe", role: "officer" });
    // no local password works for an SSO-provisioned account
    const local = await run(loginAction, post("/login", { email: "j.doe@riverside.example", password: "!sso-only" }));
    expect(local.status).toBe(401);
  });

  it("updates role and unit from a changed group at the next sign-in, audited", async () => {
    await callback(await providerRedirect("ksmith"));
    const before = await prisma.user.findUniqueOrThrow({ where: { email: "k.smith@riverside.example" } });
    expect(before.role).toBe("supervisor");
    idp.accounts.get("ksmith")!.groups = ["ck-officers", "south"];
    const res = await callback(await providerRedirect("ksmith"));
    expect(res.status).toBe(302);
    const after = await prisma.user.findUniqueOrThrow({
      where: { email: "k.smith@riverside.example" },
      include: { unit: true },
    });
    expect(after.role).toBe("officer");
    expect(after.unit?.name).toBe("South Precinct");
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "user.sso_updated", subjectId: after.id },
    });
    expect(JSON.parse(audit.before!)).toMatchObject({ role: "supervisor" });
    expect(JSON.parse(audit.after!)).toMatchObject({ role: "officer" });
    // signing in again with nothing changed writes no audit entry
    await callback(await providerRedirect("ksmith"));
    expect(await prisma.auditEntry.count({ where: { action: "user.sso_updated", subjectId: after.id } })).toBe(1);
  });

  it("refuses someone in no mapped group, and someone disabled at the provider", async () => {
    const res = await callback(await providerRedirect("nogroup"));
    expect(res.status).toBe(403);
    expect(res.data.error).toMatch(/no group that has a Circlekeeper role/);
    expect(await prisma.user.count({ where: { email: "visitor@riverside.example" } })).toBe(0);
    const gone = await providerRedirect("gone").then(callback, (error: Error) => ({ status: 0, error }));
    // the provider itself refuses (its error comes back to the callback, or the login never completes)
    if (gone.status !== 0) expect(gone.status).toBe(403);
    expect(await prisma.user.count({ where: { email: "gone@riverside.example" } })).toBe(0);
  });

  it("refuses a user removed from the required group at sign-in", async () => {
    await prisma.oidcConnection.update({
      where: { agencyId },
      data: { requiredGroup: "circlekeeper-users", updatedAt: new Date() },
    });
    try {
      const res = await callback(await providerRedirect("jdoe"));
      expect(res.status).toBe(403);
      expect(res.data.error).toMatch(/not in the group allowed/);
    } finally {
      await prisma.oidcConnection.update({ where: { agencyId }, data: { requiredGroup: "", updatedAt: new Date() } });
    }
  });
});

describe("protocol checks", () => {
  it("refuses a forged state and a replayed code", async () => {
    const url = await providerRedirect("jdoe");
    const forged = new URL(url);
    forged.searchParams.set("state", "forged-state-value");
    expect((await callback(forged.href)).status).toBe(403);
    const first = await callback(url);
    expect(first.status).toBe(302);
    const replay = await callback(url);
    expect(replay.status).toBe(403);
    expect(replay.session).toBeUndefined();
  });

  for (const [mode, message] of [
    ["wrong-nonce", /nonce/],
    ["other-audience", /aud/],
    ["clock-behind", /exp/],
  ] as const) {
    it(`refuses an ID token with ${mode}`, async () => {
      idp.misbehave(mode);
      try {
        const res = await callback(await providerRedirect("jdoe"));
        expect(res.status).toBe(403);
        expect(res.data.error).toMatch(message);
        expect(res.session).toBeUndefined();
      } finally {
        idp.misbehave(null);
      }
    });
  }

  it("tolerates a provider clock a few seconds ahead", async () => {
    idp.misbehave("clock-slightly-ahead");
    try {
      const res = await callback(await providerRedirect("jdoe"));
      expect(res.status).toBe(302);
      expect(res.session).toBeTruthy();
    } finally {
      idp.misbehave(null);
    }
  });
});

describe("policy and sign-out", () => {
  it("offers the provider's end-session address after an SSO user signs out", async () => {
    const { session } = await callback(await providerRedirect("jdoe"));
    const out = await run(logoutAction, post("/logout", {}, session));
    expect(out.headers.get("Location")).toBe(`/signed-out?agency=${encodeURIComponent(agencyId)}`);
    const page = await run(signedOutLoader, get(out.headers.get("Location")!));
    expect(page.data.providerSignOut).toMatch(new RegExp(`^${idp.issuer}/session/end\\?`));
    expect((await run(homeLoader, get("/", session))).status).toBe(302);
  });

  it("refuses local passwords when SSO is required, except for the break-glass admin", async () => {
    const admin = await cookieFor("admin@example.org");
    const adminId = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } })).id;
    const saved = await run(
      adminSignInAction,
      post("/admin/sign-in", { intent: "policy", requireSso: "on", breakGlassUserId: adminId }, admin),
    );
    expect(saved.status).toBe(200);
    try {
      const officer = await run(
        loginAction,
        post("/login", { email: "officer@example.org", password: "circlekeeper-demo" }),
      );
      expect(officer.status).toBe(403);
      expect(officer.data.errors.form).toMatch(/identity provider/);
      const breakGlass = await run(
        loginAction,
        post("/login", { email: "admin@example.org", password: "circlekeeper-demo" }),
      );
      expect(breakGlass.status).toBe(302);
      // an SSO user still signs in, and is not asked for a local second factor
      const sso = await callback(await providerRedirect("jdoe"));
      expect(sso.status).toBe(302);
      expect(sso.session).toBeTruthy();
    } finally {
      await prisma.signInPolicy.update({ where: { agencyId }, data: { requireSso: false } });
    }
  });
});
