// OpenID Connect single sign-on (its own folder: it signs in through auth and provisions through users, above both), one identity provider per agency: authorization code flow with PKCE, state and
// nonce (openid-client does the protocol checks), then just-in-time provisioning from the claims.
import * as client from "openid-client";
import { recordAudit } from "../audit/audit.server";
import { publicOrigin } from "../auth/public-origin.server";
import { isRole, ROLES, type Role, type SessionUser } from "../auth/roles";
import { decryptSecret, encryptSecret } from "../auth/secrets.server";
import { SignInSetupError } from "../auth/sign-in-policy.server";
import { prisma, type Tx } from "../db/db.server";
import { DomainError } from "../errors";
import { userPlacementChanged } from "../users/events.server";

const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;
/** Clocks of the provider and this server may differ by this much (seconds). */
export const CLOCK_TOLERANCE_S = 60;
/** A password hash no password matches: SSO-provisioned accounts have no local password. */
export const NO_LOCAL_PASSWORD = "!sso-only";

export interface GroupRule {
  group: string;
  role?: Role;
  unit?: string;
}

export interface ConnectionInput {
  issuer: string;
  clientId: string;
  /** empty: keep the stored secret */
  clientSecret: string;
  emailClaim: string;
  nameClaim: string;
  unitClaim: string;
  groupsClaim: string;
  groupMapping: string;
  requiredGroup: string;
  enabled: boolean;
}

/** The provider's answer or the agency's settings refuse this sign-in (403). */
export class SsoRefusal extends DomainError {
  constructor(message: string) {
    super("forbidden", message);
  }
}

export function callbackUrl(request: Request): string {
  return `${publicOrigin(request)}/auth/oidc/callback`;
}

/** Reads the admin's mapping text: JSON, a list of { group, role?, unit? } with known roles and units. */
export async function parseGroupMapping(agencyId: string, text: string): Promise<GroupRule[]> {
  let value: unknown;
  try {
    value = JSON.parse(text || "[]");
  } catch (error) {
    throw new SignInSetupError("groupMapping", `The group mapping is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value))
    throw new SignInSetupError(
      "groupMapping",
      'The group mapping must be a list, like [{"group": "ck-officers", "role": "officer"}].',
    );
  const units = new Set(
    (await prisma.unit.findMany({ where: { agencyId }, select: { name: true } })).map((u) => u.name),
  );
  return value.map((entry, i) => {
    const at = `Group mapping entry ${i + 1}`;
    if (!entry || typeof entry !== "object" || typeof entry.group !== "string" || !entry.group)
      throw new SignInSetupError("groupMapping", `${at} needs a "group".`);
    if (entry.role !== undefined && !isRole(entry.role))
      throw new SignInSetupError("groupMapping", `${at}: role must be one of ${ROLES.join(", ")}.`);
    if (entry.unit !== undefined && !units.has(entry.unit))
      throw new SignInSetupError("groupMapping", `${at}: there is no unit named "${entry.unit}" in your agency.`);
    return { group: entry.group, role: entry.role, unit: entry.unit };
  });
}

export async function saveConnection(actor: SessionUser, input: ConnectionInput): Promise<void> {
  let issuer: URL;
  try {
    issuer = new URL(input.issuer);
  } catch {
    throw new SignInSetupError(
      "issuer",
      "Enter the issuer as a full address, like https://login.example.gov/realms/agency.",
    );
  }
  const local = issuer.hostname === "localhost" || issuer.hostname === "127.0.0.1";
  // Plain http only on this machine (a provider beside the app, as in the tests), never across a network.
  if (issuer.protocol !== "https:" && !local) {
    throw new SignInSetupError("issuer", "The issuer must use https (plain http only for a provider on localhost).");
  }
  await parseGroupMapping(actor.agencyId, input.groupMapping);
  const existing = await prisma.oidcConnection.findUnique({ where: { agencyId: actor.agencyId } });
  if (!existing && !input.clientSecret) throw new SignInSetupError("clientSecret", "Enter the client secret.");
  const data = {
    issuer: issuer.href.replace(/\/$/, ""),
    clientId: input.clientId,
    clientSecret: input.clientSecret ? encryptSecret(input.clientSecret) : existing!.clientSecret,
    emailClaim: input.emailClaim,
    nameClaim: input.nameClaim,
    unitClaim: input.unitClaim,
    groupsClaim: input.groupsClaim,
    groupMapping: input.groupMapping || "[]",
    requiredGroup: input.requiredGroup,
    enabled: input.enabled,
    updatedAt: new Date(),
  };
  const { clientSecret: _secret, ...shown } = data;
  await prisma.$transaction(async (tx) => {
    await tx.oidcConnection.upsert({
      where: { agencyId: actor.agencyId },
      create: { agencyId: actor.agencyId, ...data },
      update: data,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agency.identity_provider_changed",
      subjectId: actor.agencyId,
      after: { ...shown, clientSecret: input.clientSecret ? "(new secret)" : "(unchanged)" },
    });
  });
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's configuration from its discovery document, cached per saved connection. */
export async function providerConfiguration(agencyId: string) {
  const connection = await prisma.oidcConnection.findUnique({ where: { agencyId } });
  if (!connection?.enabled) throw new SsoRefusal("Single sign-on is not set up for this agency.");
  const key = `${agencyId}:${connection.updatedAt.getTime()}`;
  let configuration = configurations.get(key);
  if (!configuration) {
    const issuer = new URL(connection.issuer);
    const insecure = issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : undefined;
    const metadata: Partial<client.ClientMetadata> = {
      client_secret: decryptSecret(connection.clientSecret),
      [client.clockTolerance]: CLOCK_TOLERANCE_S,
    };
    configuration = client.discovery(issuer, connection.clientId, metadata, undefined, insecure);
    configuration.catch(() => configurations.delete(key));
    configurations.set(key, configuration);
  }
  try {
    return { connection, config: await configuration };
  } catch (error) {
    throw new SsoRefusal(`The identity provider could not be reached: ${(error as Error).message}`);
  }
}

/** Agencies whose people can sign in through their provider (for the sign-in page). */
export async function ssoAgencies() {
  const enabled = await prisma.oidcConnection.findMany({ where: { enabled: true }, select: { agencyId: true } });
  return prisma.agency.findMany({
    where: { id: { in: enabled.map((c) => c.agencyId) } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** The provider's authorization address; state, nonce and PKCE verifier are kept here, never in the browser. */
export async function startSsoSignIn(agencyId: string, request: Request, redirectTo: string): Promise<string> {
  const { config } = await providerConfiguration(agencyId);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await prisma.oidcLoginState.create({
    data: { state, agencyId, codeVerifier, nonce, redirectTo, expiresAt: new Date(Date.now() + LOGIN_STATE_TTL_MS) },
  });
  return client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(request),
    scope: scopesFor(config),
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  }).href;
}

/**
 * `offline_access` where the provider offers it: Entra ID and Okta issue a refresh token only for it, and the
 * refresh token is how open sessions are re-checked with the provider (app/sso/recheck.server.ts).
 */
function scopesFor(config: client.Configuration): string {
  const offered = config.serverMetadata().scopes_supported ?? [];
  return offered.includes("offline_access") ? "openid email profile offline_access" : "openid email profile";
}

/**
 * Completes the provider's redirect: the state must be one we issued and not yet used (it is deleted here),
 * then openid-client redeems the code with the PKCE verifier and checks the ID token's signature, issuer,
 * audience, nonce and times. Returns the Circlekeeper user, provisioned or updated from the claims.
 */
export async function finishSsoSignIn(
  request: Request,
): Promise<{ userId: string; agencyId: string; redirectTo: string }> {
  const url = new URL(request.url);
  const state = url.searchParams.get("state") ?? "";
  const stored = state ? await prisma.oidcLoginState.findUnique({ where: { state } }) : null;
  const { count } = stored ? await prisma.oidcLoginState.deleteMany({ where: { state } }) : { count: 0 };
  if (!stored || count !== 1 || stored.expiresAt.getTime() <= Date.now()) {
    throw new SsoRefusal("This sign-in link is not valid or was already used. Start again from the sign-in page.");
  }
  if (url.searchParams.get("error"))
    throw new SsoRefusal(
      `The identity provider refused the sign-in: ${url.searchParams.get("error_description") ?? url.searchParams.get("error")}`,
    );
  const { connection, config } = await providerConfiguration(stored.agencyId);
  const currentUrl = new URL(callbackUrl(request) + url.search);
  let claims: Record<string, unknown>;
  let refreshToken: string | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: stored.codeVerifier,
      expectedState: stored.state,
      expectedNonce: stored.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    refreshToken = tokens.refresh_token;
    claims = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint) {
      Object.assign(claims, await client.fetchUserInfo(config, tokens.access_token, idClaims.sub), {
        sub: idClaims.sub,
      });
    }
  } catch (error) {
    throw new SsoRefusal(`The identity provider's answer was refused: ${describeProtocolError(error)}`);
  }
  const userId = await provision(connection, claims, refreshToken);
  return { userId, agencyId: stored.agencyId, redirectTo: stored.redirectTo };
}

/** openid-client's message, with the claim that failed when it names one (nonce, aud, exp…). */
function describeProtocolError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  let claim: unknown;
  for (
    let e = error as { cause?: unknown; claim?: unknown } | undefined, depth = 0;
    e && depth < 4 && claim === undefined;
    e = e.cause as typeof e, depth++
  ) {
    claim = e.claim;
  }
  return typeof claim === "string" ? `${message} (claim "${claim}")` : message;
}

function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  return typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : [];
}

interface Mapped {
  email: string;
  name: string;
  role: Role;
  unitName: string | null;
}

/** What the claims say this person is in Circlekeeper, or why they may not sign in. */
export function mapClaims(
  connection: { emailClaim: string; nameClaim: string; unitClaim: string; groupsClaim: string; requiredGroup: string },
  rules: GroupRule[],
  claims: Record<string, unknown>,
): Mapped {
  const email = claims[connection.emailClaim];
  if (typeof email !== "string" || !email.includes("@"))
    throw new SsoRefusal(`The identity provider sent no email address (claim "${connection.emailClaim}").`);
  if (claims.email_verified === false)
    throw new SsoRefusal("The identity provider says this email address is not verified.");
  const groups = groupsOf(claims, connection.groupsClaim);
  if (connection.requiredGroup && !groups.includes(connection.requiredGroup)) {
    throw new SsoRefusal(
      "Your agency account is not in the group allowed to use Circlekeeper. Ask your agency's IT team.",
    );
  }
  const role = rules.find((r) => r.role && groups.includes(r.group))?.role;
  if (!role)
    throw new SsoRefusal("Your agency account is in no group that has a Circlekeeper role. Ask your agency's IT team.");
  const unitFromClaim = connection.unitClaim ? claims[connection.unitClaim] : undefined;
  const unitName =
    typeof unitFromClaim === "string" && unitFromClaim
      ? unitFromClaim
      : (rules.find((r) => r.unit && groups.includes(r.group))?.unit ?? null);
  const name = claims[connection.nameClaim];
  return {
    email: email.trim().toLowerCase(),
    name: typeof name === "string" && name.trim() ? name.trim().slice(0, 120) : email,
    role,
    unitName,
  };
}

export type Connection = NonNullable<Awaited<ReturnType<typeof prisma.oidcConnection.findUnique>>>;

/** What the claims make of this person, with the unit found by name in the agency. */
export async function placementFrom(connection: Connection, claims: Record<string, unknown>) {
  const mapped = mapClaims(connection, await parseGroupMapping(connection.agencyId, connection.groupMapping), claims);
  const unit = mapped.unitName
    ? await prisma.unit.findFirst({
        where: { agencyId: connection.agencyId, name: mapped.unitName },
        select: { id: true },
      })
    : null;
  return { ...mapped, unitId: unit?.id ?? null };
}

/** The identity's state after the provider confirmed the person: now, with its newest refresh token (sealed). */
export function confirmation(refreshToken: string | undefined, at: Date) {
  return { confirmedAt: at, ...(refreshToken ? { refreshToken: encryptSecret(refreshToken) } : {}) };
}

async function provision(
  connection: Connection,
  claims: Record<string, unknown>,
  refreshToken: string | undefined,
): Promise<string> {
  const subject = String(claims.sub);
  const mapped = await placementFrom(connection, claims);
  const unitId = mapped.unitId;
  const now = new Date();
  const identity = await prisma.oidcIdentity.findUnique({
    where: { issuer_subject: { issuer: connection.issuer, subject } },
  });
  const byEmail = identity ? null : await prisma.user.findUnique({ where: { email: mapped.email } });
  if (byEmail && byEmail.agencyId !== connection.agencyId)
    throw new SsoRefusal("This email address belongs to an account of another agency.");
  const existingId = identity?.userId ?? byEmail?.id;
  return prisma.$transaction(async (tx) => {
    if (!existingId) {
      const user = await tx.user.create({
        data: {
          email: mapped.email,
          name: mapped.name,
          role: mapped.role,
          unitId,
          agencyId: connection.agencyId,
          passwordHash: NO_LOCAL_PASSWORD,
        },
      });
      await tx.oidcIdentity.create({
        data: {
          agencyId: connection.agencyId,
          issuer: connection.issuer,
          subject,
          userId: user.id,
          ...confirmation(refreshToken, now),
        },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "user.sso_provisioned",
        subjectId: user.id,
        officerId: mapped.role === "officer" ? user.id : null,
        unitId,
        after: { name: mapped.name, email: mapped.email, role: mapped.role, unitId },
      });
      await userPlacementChanged.announce({ tx, userId: user.id, role: mapped.role, at: new Date() });
      return user.id;
    }
    if (!identity)
      await tx.oidcIdentity.create({
        data: {
          agencyId: connection.agencyId,
          issuer: connection.issuer,
          subject,
          userId: existingId,
          ...confirmation(refreshToken, now),
        },
      });
    else
      await tx.oidcIdentity.update({
        where: { id: identity.id },
        data: { lastSignInAt: now, ...confirmation(refreshToken, now) },
      });
    await applyPlacement(tx, existingId, mapped);
    return existingId;
  });
}

/** Name, role and unit as the provider last said, audited when they change (at sign-in and at each re-check). */
export async function applyPlacement(
  tx: Tx,
  userId: string,
  mapped: { name: string; role: Role; unitId: string | null },
): Promise<void> {
  const before = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, role: true, unitId: true },
  });
  const after = { name: mapped.name, role: mapped.role, unitId: mapped.unitId };
  if (before.name === after.name && before.role === after.role && before.unitId === after.unitId) return;
  await tx.user.update({ where: { id: userId }, data: after });
  await recordAudit(tx, {
    actorId: userId,
    action: "user.sso_updated",
    subjectId: userId,
    officerId: userId,
    unitId: after.unitId,
    before,
    after,
  });
  // The same consequence of a role change as an admin's change (app/users/users.server.ts).
  await userPlacementChanged.announce({ tx, userId, role: after.role, at: new Date() });
}

/** The provider's sign-out address for someone who signed in through it, or null. */
export async function endSessionUrl(agencyId: string, request: Request): Promise<string | null> {
  try {
    const { config } = await providerConfiguration(agencyId);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      client_id: config.clientMetadata().client_id,
      post_logout_redirect_uri: `${publicOrigin(request)}/login`,
    }).href;
  } catch {
    return null;
  }
}

export async function isSsoUser(userId: string): Promise<boolean> {
  return (await prisma.oidcIdentity.count({ where: { userId } })) > 0;
}
