// Reading posted forms with a schema: field messages for the page, a 400 for the response.
import { data } from "@remix-run/node";
import type { z } from "zod";
import { isDomainError } from "./errors";

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function readForm<S extends z.ZodTypeAny>(formData: FormData, schema: S): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    raw[key] = key in raw ? ([] as unknown[]).concat(raw[key], value) : value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A 400 with the first message of each field, for domain checks that return every message per field. */
export function invalidFields(errors: Record<string, string[] | undefined>, status = 400) {
  return invalid(
    Object.fromEntries(
      Object.entries(errors).map(([field, messages]) => [field, messages?.[0] ?? "Check this field."]),
    ),
    status,
  );
}

/** The 400 answer for a form that did not pass: field messages and nothing changed. */
export function invalid(errors: FieldErrors, status = 400) {
  return data({ ok: false as const, errors }, { status });
}

/** A posted form's text fields by name (the last value of a repeated name), for checks that build their own schema. */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") fields[key] = value;
  return fields;
}

/** Seconds a "busy" refusal asks the client to wait before trying again. */
const RETRY_AFTER_SECONDS = "5";

/**
 * The one place a domain refusal becomes an HTTP answer: its status, its message under its field (or "form"),
 * and what changed when the text was stale. Anything that is not a DomainError is rethrown untouched.
 */
export function respondToDomainError(error: unknown) {
  if (!isDomainError(error)) throw error;
  const errors: FieldErrors = { [error.detail.field ?? "form"]: error.message };
  const headers: Record<string, string> = error.code === "busy" ? { "Retry-After": RETRY_AFTER_SECONDS } : {};
  return data(
    { ok: false as const, message: "", errors, changes: error.detail.changes ?? null },
    { status: error.status, headers },
  );
}

/** A domain refusal's field, message and status, for a page that words the answer itself; anything else is rethrown. */
export function domainRefusal(error: unknown): { field: string; message: string; status: number } {
  if (!isDomainError(error)) throw error;
  return { field: error.detail.field ?? "form", message: error.message, status: error.status };
}

/** The JSON a script posted in the form field `payload` (the server accepts only form bodies), or null. */
export async function payloadOf(request: Request): Promise<unknown> {
  const payload = (await request.formData().catch(() => null))?.get("payload");
  if (typeof payload !== "string") return null;
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
}
