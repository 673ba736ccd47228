// The second step of a sign-in: a code from the authenticator app, a recovery code, or a passkey.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { factorsOf } from "../auth/mfa.server";
import { checkSecondFactor, clearPendingCookie, pendingFrom } from "../auth/second-step.server";
import { commitSessionCookie } from "../auth/session.server";
import { invalid, readForm } from "../forms";
import { Field } from "../ui/field";
import { UsePasskey } from "../ui/passkey-buttons";

export const meta: MetaFunction = () => [{ title: "Confirm it is you · Circlekeeper" }];

async function requirePendingVerification(request: Request) {
  const pending = await pendingFrom(request);
  if (!pending || pending.purpose !== "verify") throw redirect("/login");
  return pending;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await requirePendingVerification(request);
  const factors = await factorsOf(pending.user.id);
  return { totp: factors.totp, passkeys: factors.passkeys.length > 0, recoveryCodesLeft: factors.recoveryCodesLeft };
}

const Check = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("totp"),
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."),
    }),
    z.object({
      intent: z.literal("recovery"),
      recoveryCode: z
        .string()
        .trim()
        .min(10, "Enter one of your recovery codes.")
        .max(40, "That is not a recovery code."),
    }),
  ],
  { errorMap: () => ({ message: "Unknown action." }) },
);

function timeOf(date: Date): string {
  return date.toISOString().slice(11, 16) + " UTC";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await requirePendingVerification(request);
  const form = readForm(await request.formData(), Check);
  if (!form.ok) return invalid(form.errors);
  const input = form.value;
  const factor =
    input.intent === "totp"
      ? { kind: "totp" as const, code: input.code }
      : { kind: "recovery" as const, code: input.recoveryCode };
  const result = await checkSecondFactor(pending, factor, context.clientAddress ?? "unknown");
  if (!result.ok) {
    const field = input.intent === "totp" ? "code" : "recoveryCode";
    const message =
      result.reason === "locked"
        ? `Too many wrong codes. Try again after ${timeOf(result.until)}, or ask an admin to reset your second factors.`
        : input.intent === "totp"
          ? "That code is not right, or it was already used. Enter the current code from your app."
          : "That recovery code is not right, or it was already used.";
    return data(
      { ok: false as const, errors: { [field]: message } as Record<string, string> },
      { status: result.reason === "locked" ? 429 : 401 },
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await clearPendingCookie());
  headers.append("Set-Cookie", await commitSessionCookie(result.sessionId));
  return redirect(pending.redirectTo, { headers });
}

export default function Verify() {
  const { totp, passkeys, recoveryCodesLeft } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>Confirm it is you</h1>
      {errors.form ? (
        <div className="alert alert--error" role="alert">
          <p>{errors.form}</p>
        </div>
      ) : null}
      {passkeys ? <UsePasskey /> : null}
      {totp ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="totp" />
          <Field
            name="code"
            label="6-digit code from your authenticator app"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            error={errors.code}
          />
          <button type="submit" className="button">
            Confirm
          </button>
        </Form>
      ) : null}
      {recoveryCodesLeft > 0 ? (
        <details open={Boolean(errors.recoveryCode)}>
          <summary>Use a recovery code instead</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="recovery" />
            <Field
              name="recoveryCode"
              label="Recovery code"
              autoComplete="off"
              required
              error={errors.recoveryCode}
              hint={`You have ${recoveryCodesLeft} unused.`}
            />
            <button type="submit" className="button button--secondary">
              Use recovery code
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
