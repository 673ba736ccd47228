// The agency's outgoing mail server, set by an admin. The password is sealed (app/secrets) and never shown again.
import { z } from "zod";
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { openSecret } from "../secrets/secret-box.server";
import { readSecretSettingsForm } from "../secrets/settings-form.server";

export const SmtpSettingsForm = z.object({
  host: z
    .string()
    .trim()
    .min(1, "Enter the mail server's host name.")
    .max(255)
    .regex(/^[A-Za-z0-9.-]+$/, "The host is a name such as smtp.example.gov or an address."),
  port: z.coerce
    .number({ invalid_type_error: "The port is a number." })
    .int()
    .min(1, "The port is between 1 and 65535.")
    .max(65535, "The port is between 1 and 65535."),
  secure: z.enum(["on"]).optional(),
  username: z.string().trim().max(255).optional().default(""),
  /** blank: keep the stored password */
  password: z.string().max(1024).optional().default(""),
  fromAddress: z.string().trim().email("Enter the address messages come from, such as training@agency.gov.").max(255),
});

export interface SmtpConnection {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  from: string;
}

export async function smtpSettingsView(admin: SessionUser) {
  const row = await prisma.smtpSettings.findUnique({ where: { agencyId: admin.agencyId } });
  return (
    row && {
      host: row.host,
      port: row.port,
      secure: row.secure,
      username: row.username ?? "",
      fromAddress: row.fromAddress,
      hasPassword: Boolean(row.passwordEncrypted),
    }
  );
}

export async function saveSmtpSettings(admin: SessionUser, raw: Record<string, unknown>) {
  const form = readSecretSettingsForm(SmtpSettingsForm, raw);
  if (!form.ok) return form;
  const { host, port, secure, username, fromAddress } = form.data;
  const sealed = form.sealed;
  await prisma.$transaction(async (tx) => {
    const before = await tx.smtpSettings.findUnique({
      where: { agencyId: admin.agencyId },
      select: { host: true, port: true, secure: true, username: true, fromAddress: true },
    });
    const data = {
      host,
      port,
      secure: secure === "on",
      username: username || null,
      fromAddress,
      ...(sealed ? { passwordEncrypted: sealed } : {}),
    };
    await tx.smtpSettings.upsert({
      where: { agencyId: admin.agencyId },
      create: { agencyId: admin.agencyId, ...data },
      update: data,
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "agency.mail_server_changed",
      before,
      after: {
        host,
        port,
        secure: secure === "on",
        username: username || null,
        fromAddress,
        passwordChanged: Boolean(sealed),
      },
    });
  });
  return { ok: true as const };
}

export async function smtpConnectionFor(agencyId: string): Promise<SmtpConnection | null> {
  const row = await prisma.smtpSettings.findUnique({ where: { agencyId } });
  if (!row) return null;
  const auth =
    row.username && row.passwordEncrypted ? { user: row.username, pass: openSecret(row.passwordEncrypted) } : undefined;
  return { host: row.host, port: row.port, secure: row.secure, auth, from: row.fromAddress };
}
