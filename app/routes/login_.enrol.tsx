// Guided enrolment: the agency's policy asks this person for a second factor and they have none yet.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { confirmTotpEnrolment, startTotpEnrolment } from "../auth/mfa.server";
import { clearPendingCookie, completePending, pendingFrom } from "../auth/second-step.server";
import { commitSessionCookie } from "../auth/session.server";
import { domainRefusal, invalid, readForm } from "../forms";
import { RecoveryCodes, TotpSetup } from "../ui/second-factor";

export const meta: MetaFunction = () => [{ title: "Set up a second factor · Circlekeeper" }];

async function requirePendingEnrolment(request: Request) {
  const pending = await pendingFrom(request);
  if (!pending || pending.purpose !== "enrol") throw redirect("/login");
  return pending;
}

// After a confirmed enrolment the pending sign-in is spent: reloading the loader would leave the page before the
// person has read their recovery codes.
export const shouldRevalidate = () => false;

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await requirePendingEnrolment(request);
  const enrolment = await startTotpEnrolment(pending.user);
  return { name: pending.user.name, qrSvgDataUri: enrolment.qrSvgDataUri, secret: enrolment.secret };
}

const Confirm = z.object({
  intent: z.literal("confirm-totp"),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from the app."),
});

export async function action({ request }: ActionFunctionArgs) {
  const pending = await requirePendingEnrolment(request);
  const form = readForm(await request.formData(), Confirm);
  if (!form.ok) return invalid(form.errors);
  try {
    const codes = await confirmTotpEnrolment(pending.user, form.value.code);
    const sessionId = await completePending(pending);
    if (!sessionId) throw redirect("/login");
    const headers = new Headers();
    headers.append("Set-Cookie", await clearPendingCookie());
    headers.append("Set-Cookie", await commitSessionCookie(sessionId));
    return data(
      { ok: true as const, codes, redirectTo: pending.redirectTo, errors: {} as Record<string, string> },
      { headers },
    );
  } catch (error) {
    const refusal = domainRefusal(error);
    return invalid({ [refusal.field]: refusal.message }, refusal.status);
  }
}

export default function Enrol() {
  const { name, qrSvgDataUri, secret } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.ok) {
    return (
      <div className="page narrow">
        <h1>Second factor set up</h1>
        <RecoveryCodes codes={result.codes} />
        <p>
          <Link className="button" to={result.redirectTo}>
            I have saved my codes: continue
          </Link>
        </p>
      </div>
    );
  }
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>Set up a second factor</h1>
      <p className="lead">
        {name}, your agency asks people in your role to confirm each sign-in with a second factor. Set one up now to
        continue.
      </p>
      <TotpSetup qrSvgDataUri={qrSvgDataUri} secret={secret} error={errors.code} intent="confirm-totp" />
    </div>
  );
}
