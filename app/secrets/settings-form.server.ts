// The admin settings forms that hold a secret (the mail server's password, the LRS secret) read the same way: the
// form's schema, then the secret sealed at once; a blank secret keeps the stored one, and is refused only when
// none is stored yet and the connection needs one.
import type { z } from "zod";
import { sealSecret } from "./secret-box.server";

export type SecretSettingsForm<Data> =
  { ok: false; errors: Partial<Record<string, string[]>> } | { ok: true; data: Data; sealed: string | undefined };

export function readSecretSettingsForm<Schema extends z.ZodType<{ password: string }, z.ZodTypeDef, unknown>>(
  schema: Schema,
  raw: Record<string, unknown>,
  options: { missingSecret?: string } = {},
): SecretSettingsForm<z.output<Schema>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: parsed.error.flatten().fieldErrors };
  const { password } = parsed.data;
  if (!password && options.missingSecret) return { ok: false, errors: { password: [options.missingSecret] } };
  return { ok: true, data: parsed.data, sealed: password ? sealSecret(password) : undefined };
}
