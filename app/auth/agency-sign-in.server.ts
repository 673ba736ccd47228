// What the admin's sign-in page shows: the policy, who has which factors, and the identity provider (no secret).
import { prisma } from "../db/db.server";
import { policyFor } from "./sign-in-policy.server";

export async function signInOverview(agencyId: string) {
  const [policy, users, totp, passkeys, connection] = await Promise.all([
    policyFor(agencyId),
    prisma.user.findMany({
      where: { agencyId },
      select: { id: true, name: true, email: true, role: true },
      orderBy: { name: "asc" },
    }),
    prisma.totpFactor.findMany({
      where: { confirmedAt: { not: null }, userId: { in: await agencyUserIds(agencyId) } },
      select: { userId: true },
    }),
    prisma.passkey.groupBy({ by: ["userId"], where: { userId: { in: await agencyUserIds(agencyId) } }, _count: true }),
    prisma.oidcConnection.findUnique({ where: { agencyId } }),
  ]);
  const withTotp = new Set(totp.map((t) => t.userId));
  const passkeyCount = new Map(passkeys.map((p) => [p.userId, p._count]));
  return {
    policy,
    admins: users.filter((u) => u.role === "admin").map(({ id, name }) => ({ id, name })),
    users: users.map((u) => ({ ...u, totp: withTotp.has(u.id), passkeys: passkeyCount.get(u.id) ?? 0 })),
    connection: connection && {
      issuer: connection.issuer,
      clientId: connection.clientId,
      hasSecret: connection.clientSecret !== "",
      emailClaim: connection.emailClaim,
      nameClaim: connection.nameClaim,
      unitClaim: connection.unitClaim,
      groupsClaim: connection.groupsClaim,
      groupMapping: connection.groupMapping,
      requiredGroup: connection.requiredGroup,
      enabled: connection.enabled,
    },
  };
}

async function agencyUserIds(agencyId: string): Promise<string[]> {
  return (await prisma.user.findMany({ where: { agencyId }, select: { id: true } })).map((u) => u.id);
}
