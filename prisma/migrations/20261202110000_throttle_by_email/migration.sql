-- Lockouts move from the User row to SignInThrottle, keyed by email address, so that an email address with no
-- account is counted and locked exactly like one with an account (app/auth/throttle.server.ts).

-- Lockouts and failure counts in force carry over (5 is the email limit: a locked row is full).
INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil")
SELECT 'email:' || "email",
       CASE WHEN "lockedUntil" IS NOT NULL THEN 5 ELSE "failedSignIns" END,
       strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now'),
       "lockedUntil"
FROM "User"
WHERE "failedSignIns" > 0 OR "lockedUntil" IS NOT NULL
ON CONFLICT ("key") DO NOTHING;

-- Plain column drops rather than Prisma's usual table rebuild: the migrator runs each migration in a
-- transaction, where PRAGMA foreign_keys=OFF has no effect, so dropping and recreating "User" would cascade
-- into every table that references it. Neither column is indexed or referenced, so SQLite drops them in place.
ALTER TABLE "User" DROP COLUMN "failedSignIns";
ALTER TABLE "User" DROP COLUMN "lockedUntil";
