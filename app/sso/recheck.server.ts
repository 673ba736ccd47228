// Sessions begun through the agency's provider follow the provider while they are open
// (docs/decisions/0380-sso-sessions-follow-the-provider.md): the background round asks the provider again, with
// the refresh token of the last sign-in, every RECHECK_EVERY_MS. A person the provider disables or takes out of
// the groups that let them in loses their SSO sessions at the next re-check; a person the provider has not
// confirmed for UNCONFIRMED_LIMIT_MS (no refresh token, provider down) loses them too.
import * as client from "openid-client";
import { recordAudit } from "../audit/audit.server";
import { decryptSecret } from "../auth/secrets.server";
import { prisma } from "../db/db.server";
import { applyPlacement, confirmation, placementFrom, providerConfiguration } from "./oidc.server";

/** How often an open SSO session's person is asked about again. */
export const RECHECK_EVERY_MS = 10 * 60_000;
/** How long an SSO session may go without the provider confirming its person. */
export const UNCONFIRMED_LIMIT_MS = 60 * 60_000;
/** People asked about per round: a round stays short even with a slow provider. */
const PER_ROUND = 50;

type Identity = Awaited<ReturnType<typeof prisma.oidcIdentity.findMany>>[number];
type Provider = Awaited<ReturnType<typeof providerConfiguration>>;

type Placement = Awaited<ReturnType<typeof placementFrom>>;

/** What the provider said: still in (maybe placed elsewhere), no longer in, or nothing we can act on. */
type Answer =
  | { kind: "claims"; claims: Record<string, unknown>; refreshToken: string | undefined }
  | { kind: "refused"; reason: string }
  | { kind: "unknown" };

type Verdict =
  { kind: "confirmed"; placement: Placement; refreshToken: string | undefined } | Exclude<Answer, { kind: "claims" }>;

export interface RecheckOutcome {
  confirmed: number;
  refused: number;
  unconfirmed: number;
  /** SSO sessions ended, by refusal or by the unconfirmed limit */
  sessionsEnded: number;
}

export async function recheckSsoSessions(now = new Date()): Promise<RecheckOutcome> {
  const outcome: RecheckOutcome = { confirmed: 0, refused: 0, unconfirmed: 0, sessionsEnded: 0 };
  const people = await peopleWithOpenSsoSessions(now);
  if (people.length === 0) return outcome;
  const providers = new Map<string, Promise<Provider | null>>();
  for (const identity of await identitiesDue(people, now)) {
    providers.set(identity.agencyId, providers.get(identity.agencyId) ?? reachable(identity.agencyId));
    const provider = await providers.get(identity.agencyId)!;
    const answer = provider ? await judge(provider, identity) : { kind: "unknown" as const };
    if (answer.kind === "confirmed") {
      await recordConfirmation(identity, answer, now);
      outcome.confirmed++;
    } else if (answer.kind === "refused") {
      outcome.sessionsEnded += await endSsoSessions(identity, answer.reason);
      outcome.refused++;
    } else outcome.unconfirmed++;
  }
  outcome.sessionsEnded += await endUnconfirmedSessions(people, now);
  return outcome;
}

async function peopleWithOpenSsoSessions(now: Date): Promise<string[]> {
  const sessions = await prisma.session.findMany({
    where: { signedInVia: "sso", expiresAt: { gt: now } },
    select: { userId: true },
    distinct: ["userId"],
  });
  return sessions.map((s) => s.userId);
}

/** Those not confirmed within RECHECK_EVERY_MS, longest unconfirmed first. */
function identitiesDue(userIds: string[], now: Date): Promise<Identity[]> {
  return prisma.oidcIdentity.findMany({
    where: {
      userId: { in: userIds },
      OR: [{ confirmedAt: null }, { confirmedAt: { lte: new Date(now.getTime() - RECHECK_EVERY_MS) } }],
    },
    orderBy: { confirmedAt: "asc" },
    take: PER_ROUND,
  });
}

/** The agency's provider, or null when it is switched off or cannot be reached (sessions then run to the limit). */
async function reachable(agencyId: string): Promise<Provider | null> {
  try {
    return await providerConfiguration(agencyId);
  } catch {
    return null;
  }
}

async function askProvider({ connection, config }: Provider, identity: Identity): Promise<Answer> {
  // No refresh token (the provider issued none), or the agency moved to another provider: nothing to ask with.
  if (!identity.refreshToken || identity.issuer !== connection.issuer) return { kind: "unknown" };
  let tokens: Awaited<ReturnType<typeof client.refreshTokenGrant>>;
  try {
    tokens = await client.refreshTokenGrant(config, decryptSecret(identity.refreshToken));
  } catch (error) {
    // invalid_grant is the provider's word that this grant is over: the person was disabled, deleted or signed
    // out there. Anything else (the provider down, our client misconfigured) says nothing about the person.
    if (error instanceof client.ResponseBodyError && error.error === "invalid_grant")
      return { kind: "refused", reason: `The identity provider ended the grant: ${error.message}` };
    return { kind: "unknown" };
  }
  const claims: Record<string, unknown> = { ...tokens.claims() };
  try {
    if (config.serverMetadata().userinfo_endpoint)
      Object.assign(claims, await client.fetchUserInfo(config, tokens.access_token, identity.subject));
  } catch {
    if (!tokens.id_token) return { kind: "unknown" };
  }
  if (claims.sub !== identity.subject) return { kind: "unknown" };
  return { kind: "claims", claims, refreshToken: tokens.refresh_token };
}

/** The claims must pass the same rules as a sign-in (the required group, a group with a role). */
async function judge(provider: Provider, identity: Identity): Promise<Verdict> {
  const answer = await askProvider(provider, identity);
  if (answer.kind !== "claims") return answer;
  try {
    return {
      kind: "confirmed",
      placement: await placementFrom(provider.connection, answer.claims),
      refreshToken: answer.refreshToken,
    };
  } catch (error) {
    return { kind: "refused", reason: (error as Error).message };
  }
}

async function recordConfirmation(
  identity: Identity,
  verdict: Extract<Verdict, { kind: "confirmed" }>,
  now: Date,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.oidcIdentity.update({ where: { id: identity.id }, data: confirmation(verdict.refreshToken, now) });
    await applyPlacement(tx, identity.userId, verdict.placement);
  });
}

/** Ends the person's SSO sessions at the provider's word, forgets the refresh token, and says so in the trail. */
async function endSsoSessions(identity: Identity, reason: string): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId: identity.userId, signedInVia: "sso" } });
    await tx.oidcIdentity.update({ where: { id: identity.id }, data: { refreshToken: null } });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: identity.userId },
      select: { role: true, unitId: true },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "user.sso_sessions_ended",
      subjectId: identity.userId,
      officerId: user.role === "officer" ? identity.userId : null,
      unitId: user.unitId,
      after: { reason, sessionsEnded: count },
    });
    return count;
  });
}

/** SSO sessions of people the provider has not confirmed within the limit end, like an idle session. */
async function endUnconfirmedSessions(userIds: string[], now: Date): Promise<number> {
  const confirmed = await prisma.oidcIdentity.findMany({
    where: { userId: { in: userIds }, confirmedAt: { gt: new Date(now.getTime() - UNCONFIRMED_LIMIT_MS) } },
    select: { userId: true },
  });
  const stillConfirmed = new Set(confirmed.map((c) => c.userId));
  const lapsed = userIds.filter((id) => !stillConfirmed.has(id));
  if (lapsed.length === 0) return 0;
  const { count } = await prisma.session.deleteMany({ where: { userId: { in: lapsed }, signedInVia: "sso" } });
  return count;
}
