-- SSO sessions follow the provider (docs/decisions/0380-sso-sessions-follow-the-provider.md).
-- Additive only: Prisma's diff rebuilds the tables to add a defaulted NOT NULL column; SQLite adds it in place.
ALTER TABLE "Session" ADD COLUMN "signedInVia" TEXT NOT NULL DEFAULT 'password';
ALTER TABLE "PendingSignIn" ADD COLUMN "signedInVia" TEXT NOT NULL DEFAULT 'password';
ALTER TABLE "OidcIdentity" ADD COLUMN "refreshToken" TEXT;
ALTER TABLE "OidcIdentity" ADD COLUMN "confirmedAt" DATETIME;
