// The two ways into a session, so that session tests run once for each: the sign-in form with a password, and the
// agency's identity provider (the real OpenID provider of tests/support/oidc-provider.ts, started on first use).
// Signing an existing user in through the provider keeps their role and unit: the provider's account gets the
// group of their role and their unit's name as the `unit` claim, and the agency maps each role's group to it.
import { ROLES } from "../../app/auth/roles";
import { encryptSecret } from "../../app/auth/secrets.server";
import type { SignInMethod } from "../../app/auth/session.server";
import { prisma } from "../../app/db/db.server";
import { loader as callbackLoader } from "../../app/routes/auth.oidc.callback";
import { loader as startLoader } from "../../app/routes/auth.oidc.start";
import { action as loginAction } from "../../app/routes/login";
import { ORIGIN, get, post, runTyped } from "./app";
import { signInAtProvider, startTestProvider, type TestProvider } from "./oidc-provider";

export const DEMO_PASSWORD = "circlekeeper-demo";
export const CALLBACK = `${ORIGIN}/auth/oidc/callback`;

export interface SignedIn {
  status: number;
  /** the whole Set-Cookie line of the session cookie, with its attributes ("" when none was set) */
  setCookie: string;
  /** the `ck_session=...` pair to send back, when a session was opened */
  cookie: string | undefined;
}

export interface WayIn {
  name: "password" | "SSO";
  via: SignInMethod;
  /** Signs an existing user in; `cookie` is what the browser already holds (a planted or an older session). */
  signIn(email: string, cookie?: string): Promise<SignedIn>;
}

function sessionCookieOf(headers: Headers): Pick<SignedIn, "setCookie" | "cookie"> {
  const setCookie = headers.getSetCookie().find((line) => line.startsWith("ck_session=")) ?? "";
  const pair = setCookie.split(";")[0]!;
  return { setCookie, cookie: pair && pair !== "ck_session=" ? pair : undefined };
}

const byPassword: WayIn = {
  name: "password",
  via: "password",
  async signIn(email, cookie) {
    const res = await runTyped(loginAction, post("/login", { email, password: DEMO_PASSWORD }, cookie));
    return { status: res.status, ...sessionCookieOf(res.headers) };
  },
};

let provider: Promise<TestProvider> | null = null;
const connected = new Map<string, Promise<void>>();

/** The test provider, and the agency's connection to it (one per agency, made once). */
async function providerFor(agencyId: string): Promise<TestProvider> {
  provider ??= startTestProvider({ redirectUris: [CALLBACK] });
  const idp = await provider;
  if (!connected.has(agencyId)) {
    connected.set(
      agencyId,
      prisma.oidcConnection
        .create({
          data: {
            agencyId,
            issuer: idp.issuer,
            clientId: idp.clientId,
            clientSecret: encryptSecret(idp.clientSecret),
            unitClaim: "unit",
            groupMapping: JSON.stringify(ROLES.map((role) => ({ group: `ck-${role}`, role }))),
          },
        })
        .then(() => undefined),
    );
  }
  await connected.get(agencyId);
  return idp;
}

/** The provider the SSO way signs in at, for tests that change what it says about someone. */
export async function testProviderOf(agencyId: string): Promise<TestProvider> {
  return providerFor(agencyId);
}

const bySso: WayIn = {
  name: "SSO",
  via: "sso",
  async signIn(email, cookie) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { unit: true } });
    const idp = await providerFor(user.agencyId);
    idp.accounts.set(email, { email, name: user.name, groups: [`ck-${user.role}`], unit: user.unit?.name });
    const start = await runTyped(startLoader, get(`/auth/oidc/start?agency=${user.agencyId}`, cookie));
    const back = await signInAtProvider(start.headers.get("Location")!, email, CALLBACK);
    const res = await runTyped(callbackLoader, get(back.slice(ORIGIN.length), cookie));
    return { status: res.status, ...sessionCookieOf(res.headers) };
  },
};

export const WAYS_IN: readonly WayIn[] = [byPassword, bySso];

/** Stops the provider if a test started it (for afterAll). */
export async function closeWaysIn(): Promise<void> {
  if (provider) await (await provider).close();
  provider = null;
  connected.clear();
}
