// One's own second factors: an authenticator app (with recovery codes) and passkeys.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { z } from "zod";
import { confirmTotpEnrolment, factorsOf, removeOwnTotp, startTotpEnrolment } from "../auth/mfa.server";
import { removePasskey } from "../auth/passkeys.server";
import { requireUser } from "../auth/require-user.server";
import { domainRefusal, invalid, readForm } from "../forms";
import { FormResult } from "../ui/form-result";
import { RegisterPasskey } from "../ui/passkey-buttons";
import { RecoveryCodes, TotpSetup } from "../ui/second-factor";

export const meta: MetaFunction = () => [{ title: "Sign-in security · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { factors: await factorsOf(user.id) };
}

const Intent = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("start-totp") }),
    z.object({
      intent: z.literal("confirm-totp"),
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, "Enter the 6-digit code from the app."),
    }),
    z.object({ intent: z.literal("remove-totp") }),
    z.object({ intent: z.literal("remove-passkey"), passkeyId: z.string().min(1).max(1024) }),
  ],
  { errorMap: () => ({ message: "Unknown action." }) },
);

type Answer =
  | { ok: true; kind: "setup"; qrSvgDataUri: string; secret: string; errors: Record<string, string> }
  | { ok: true; kind: "codes"; codes: string[]; errors: Record<string, string> }
  | { ok: true; kind: "message"; message: string; errors: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = readForm(await request.formData(), Intent);
  if (!form.ok) {
    // A wrong code keeps the setup on screen, so the person can try again with the same QR code.
    if (form.errors.code) return invalid({ ...form.errors, setup: "totp" });
    return invalid(form.errors);
  }
  try {
    switch (form.value.intent) {
      case "start-totp": {
        const enrolment = await startTotpEnrolment(user);
        return {
          ok: true,
          kind: "setup",
          qrSvgDataUri: enrolment.qrSvgDataUri,
          secret: enrolment.secret,
          errors: {},
        } satisfies Answer;
      }
      case "confirm-totp":
        return {
          ok: true,
          kind: "codes",
          codes: await confirmTotpEnrolment(user, form.value.code),
          errors: {},
        } satisfies Answer;
      case "remove-totp":
        await removeOwnTotp(user);
        return { ok: true, kind: "message", message: "Authenticator app removed.", errors: {} } satisfies Answer;
      case "remove-passkey":
        await removePasskey(user, form.value.passkeyId);
        return { ok: true, kind: "message", message: "Passkey removed.", errors: {} } satisfies Answer;
    }
  } catch (error) {
    const refusal = domainRefusal(error);
    return invalid(
      refusal.field === "code" ? { code: refusal.message, setup: "totp" } : { [refusal.field]: refusal.message },
      refusal.status,
    );
  }
}

export default function AccountSecurity() {
  const { factors } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = answer?.errors ?? {};
  const setup = answer && "kind" in answer && answer.kind === "setup" ? answer : null;
  const revalidator = useRevalidator();
  return (
    <div className="page narrow">
      <h1>Sign-in security</h1>
      {errors.form ? (
        <FormResult of={answer} ok={false}>
          {errors.form}
        </FormResult>
      ) : null}
      {answer && "kind" in answer && answer.kind === "message" ? (
        <FormResult of={answer} ok>
          {answer.message}
        </FormResult>
      ) : null}
      {answer && "kind" in answer && answer.kind === "codes" ? <RecoveryCodes codes={answer.codes} /> : null}
      <section aria-labelledby="totp-heading">
        <h2 id="totp-heading">Authenticator app</h2>
        {factors.totp ? (
          <>
            <p>An authenticator app is set up. You have {factors.recoveryCodesLeft} unused recovery codes.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="remove-totp" />
              <button type="submit" className="button button--secondary">
                Remove authenticator app
              </button>
            </Form>
          </>
        ) : setup ? (
          <TotpSetup qrSvgDataUri={setup.qrSvgDataUri} secret={setup.secret} intent="confirm-totp" />
        ) : errors.setup ? (
          <>
            <FormResult of={answer} ok={false}>
              {errors.code ?? "Something went wrong; start again."}
            </FormResult>
            <Form method="post">
              <input type="hidden" name="intent" value="start-totp" />
              <button type="submit" className="button">
                Try again
              </button>
            </Form>
          </>
        ) : (
          <Form method="post">
            <p>No authenticator app is set up.</p>
            <input type="hidden" name="intent" value="start-totp" />
            <button type="submit" className="button">
              Set up an authenticator app
            </button>
          </Form>
        )}
      </section>
      <section aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">Passkeys</h2>
        <p>A passkey signs you in with your device's fingerprint, face or PIN, and cannot be used on a fake site.</p>
        {errors.passkeyId ? (
          <FormResult of={answer} ok={false}>
            {errors.passkeyId}
          </FormResult>
        ) : null}
        {factors.passkeys.length > 0 ? (
          <ul className="stack" data-testid="passkeys">
            {factors.passkeys.map((p) => (
              <li key={p.id}>
                <Form method="post">
                  {p.name} (added {new Date(p.createdAt).toISOString().slice(0, 10)})
                  <input type="hidden" name="intent" value="remove-passkey" />
                  <input type="hidden" name="passkeyId" value={p.id} />
                  <button type="submit" className="button button--quiet" aria-label={`Remove passkey ${p.name}`}>
                    Remove
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>No passkeys yet.</p>
        )}
        <RegisterPasskey onDone={() => revalidator.revalidate()} />
      </section>
    </div>
  );
}
