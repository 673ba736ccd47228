-- Admin users list (search, filters, keyset paging) and "must change password at next sign-in".
-- Columns added in place (no table rebuild): other areas add columns to User in parallel.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "lastSignedInAt" DATETIME;

-- Keyset paging of an agency's people in name order, ties broken by id.
CREATE INDEX "User_agencyId_name_id_idx" ON "User"("agencyId", "name", "id");
