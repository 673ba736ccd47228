// The agency's learning record store, set by an admin: its xAPI endpoint and Basic-auth credentials. The
// password is sealed (app/secrets) and never shown again; a blank password field keeps the stored one.
import { z } from "zod";
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { openSecret } from "../secrets/secret-box.server";
import { readSecretSettingsForm } from "../secrets/settings-form.server";

export const LrsSettingsForm = z.object({
  endpoint: z
    .string()
    .trim()
    .max(500)
    .url("Enter the LRS's xAPI endpoint, such as https://lrs.example.gov/xapi/.")
    .refine(
      (value) => /^https?:\/\//.test(value),
      "The endpoint starts with https:// (or http:// on a private network).",
    ),
  username: z.string().trim().min(1, "Enter the LRS key (Basic-auth user name).").max(255),
  /** blank: keep the stored password */
  password: z.string().max(1024).optional().default(""),
});

export interface LrsConnection {
  /** always ends with "/" so "statements" can be appended */
  endpoint: string;
  authorization: string;
}

export async function lrsSettingsView(admin: SessionUser) {
  const row = await prisma.lrsSettings.findUnique({ where: { agencyId: admin.agencyId } });
  return row && { endpoint: row.endpoint, username: row.username, hasPassword: true };
}

export async function saveLrsSettings(admin: SessionUser, raw: Record<string, unknown>) {
  const existing = await prisma.lrsSettings.findUnique({
    where: { agencyId: admin.agencyId },
    select: { endpoint: true, username: true },
  });
  const form = readSecretSettingsForm(LrsSettingsForm, raw, {
    missingSecret: existing ? undefined : "Enter the LRS secret (Basic-auth password).",
  });
  if (!form.ok) return form;
  const { endpoint, username } = form.data;
  const sealed = form.sealed;
  await prisma.$transaction(async (tx) => {
    const data = { endpoint, username, ...(sealed ? { passwordEncrypted: sealed } : {}) };
    await tx.lrsSettings.upsert({
      where: { agencyId: admin.agencyId },
      create: { agencyId: admin.agencyId, endpoint, username, passwordEncrypted: sealed! },
      update: data,
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "agency.lrs_changed",
      before: existing,
      after: { endpoint, username, passwordChanged: Boolean(sealed) },
    });
  });
  return { ok: true as const };
}

export async function lrsConnectionFor(agencyId: string): Promise<LrsConnection | null> {
  const row = await prisma.lrsSettings.findUnique({ where: { agencyId } });
  if (!row) return null;
  const basic = Buffer.from(`${row.username}:${openSecret(row.passwordEncrypted)}`).toString("base64");
  return { endpoint: row.endpoint.endsWith("/") ? row.endpoint : `${row.endpoint}/`, authorization: `Basic ${basic}` };
}
