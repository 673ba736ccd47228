/* eslint-disable @typescript-eslint/no-explicit-any -- oidc-provider exports no precise types for its configuration or its Koa context; this test provider casts at those edges only. */
// A real OpenID provider for tests: oidc-provider (the certified Node implementation) on its own port, with test
// users and groups. Its development login form accepts any password for a known, enabled user. `misbehave`
// makes its token endpoint return an ID token re-signed with the provider's own key but a wrong nonce, another
// audience, or a clock that runs behind or ahead, the way a broken or hostile provider would; "down" makes its
// token endpoint answer 503. It issues refresh tokens, and its refresh grant asks `accounts` again, so a
// disabled account or a changed group shows at the next refresh.
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, type CryptoKey } from "jose";
import Provider from "oidc-provider";

export interface TestAccount {
  email: string;
  name: string;
  groups: string[];
  disabled?: boolean;
  /** sent as the `unit` claim when set */
  unit?: string;
}

export type Misbehaviour = "wrong-nonce" | "other-audience" | "clock-behind" | "clock-slightly-ahead" | "down" | null;

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  misbehave(mode: Misbehaviour): void;
  close(): Promise<void>;
}

const SHIFT_S: Record<string, number> = { "clock-behind": -2 * 60 * 60, "clock-slightly-ahead": 20 };

export async function startTestProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  port?: number;
}): Promise<TestProvider> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const accounts = new Map<string, TestAccount>();
  const clientId = "circlekeeper-test";
  const clientSecret = "a-test-client-secret-that-is-long-enough";
  let mode: Misbehaviour = null;
  let server: Server | null = null;
  const port = options.port ?? 0;
  // The issuer must be known before listening; with port 0 we listen first and build the provider after.
  const bootstrap = await new Promise<Server>((resolve) => {
    const s = http.createServer();
    s.listen(port, "127.0.0.1", () => resolve(s));
  });
  const actualPort = (bootstrap.address() as AddressInfo).port;
  const issuer = `http://localhost:${actualPort}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [jwk as any] },
    cookies: { keys: ["oidc-test-cookie-key"] },
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups", "unit"] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account || account.disabled) return undefined;
      return {
        accountId: id,
        async claims() {
          const { email, name, groups, unit } = account;
          return { sub: id, email, email_verified: true, name, groups, ...(unit ? { unit } : {}) };
        },
      };
    },
    // A refresh token at every code exchange for a client allowed the grant (as Keycloak does; oidc-provider's
    // default asks for offline_access together with prompt=consent).
    issueRefreshToken: async (_ctx: unknown, client: any) => client.grantTypeAllowed("refresh_token"),
    // First-party client: no consent screen.
    async loadExistingGrant(ctx: any) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile offline_access");
      await grant.save();
      return grant;
    },
  } as any);
  provider.proxy = false;
  provider.use(async (ctx: any, next: () => Promise<void>) => {
    if (mode === "down" && ctx.path === "/token") {
      ctx.status = 503;
      ctx.body = "The provider is down for maintenance.";
      return;
    }
    await next();
    if (mode && ctx.path === "/token" && ctx.status === 200 && ctx.body && typeof ctx.body === "object") {
      const body = ctx.body as { id_token?: string };
      if (body.id_token && mode !== "down") body.id_token = await resign(body.id_token, mode, privateKey);
    }
  });
  bootstrap.on("request", provider.callback());
  server = bootstrap;
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    misbehave(next) {
      mode = next;
    },
    close: () => new Promise((resolve) => server!.close(() => resolve())),
  };
}

async function resign(idToken: string, mode: Exclude<Misbehaviour, null | "down">, key: CryptoKey): Promise<string> {
  const claims = { ...decodeJwt(idToken) } as Record<string, any>;
  if (mode === "wrong-nonce") claims.nonce = "a-nonce-this-client-never-sent";
  if (mode === "other-audience") claims.aud = "some-other-application";
  const shift = SHIFT_S[mode] ?? 0;
  if (shift) {
    claims.iat += shift;
    claims.exp += shift;
    if (claims.auth_time) claims.auth_time += shift;
  }
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(key);
}

/** A browserless user agent for the provider's login form: follows redirects, keeps cookies, stops at `stopAt`. */
export async function signInAtProvider(authorizationUrl: string, login: string, stopAt: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(stopAt)) return url;
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { Cookie: cookieHeader(), ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
      body,
    });
    remember(res);
    body = undefined;
    const location = res.headers.get("Location");
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    if (res.status === 200 && html.includes('name="login"')) {
      const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
      url = new URL(action, url).href;
      body = new URLSearchParams({ prompt: "login", login, password: "any-password" });
      continue;
    }
    throw new Error(`The provider stopped at ${url} with ${res.status}: ${html.slice(0, 300)}`);
  }
  throw new Error("Too many redirects at the provider.");
}
