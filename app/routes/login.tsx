import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getUser, hasUnsafeRedirectCharacters, safeRedirect } from "../auth/require-user.server";
import { commitPendingCookie } from "../auth/second-step.server";
import { commitSessionCookie, destroySession } from "../auth/session.server";
import { signIn } from "../auth/sign-in.server";
import { invalid, readForm } from "../forms";
import { ssoAgencies } from "../sso/oidc.server";
import { Field } from "../ui/field";
import { NO_SCRIPTS } from "../ui/page-scripts";

// Works as a plain HTML page: no JavaScript is sent (app/ui/page-scripts.ts).
export const handle = NO_SCRIPTS;

export const meta: MetaFunction = () => [{ title: "Sign in · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return { ssoAgencies: await ssoAgencies() };
}

const SignInForm = z.object({
  email: z
    .string({ required_error: "Enter your email address." })
    .trim()
    .email("Enter a valid email address.")
    .max(254),
  password: z
    .string({ required_error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(200, "That password is too long."),
  // Checked before the password, so a request that cannot be answered never signs anyone in.
  redirectTo: z
    .string()
    .max(2000, "The page to return to after sign-in is not a valid address.")
    .refine((to) => !hasUnsafeRedirectCharacters(to), "The page to return to after sign-in is not a valid address.")
    .optional(),
});

function timeOf(date: Date): string {
  return date.toISOString().slice(11, 16) + " UTC";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = readForm(await request.formData(), SignInForm);
  if (!form.ok) return invalid(form.errors);
  const redirectTo = safeRedirect(form.value.redirectTo);
  const result = await signIn(form.value.email, form.value.password, context.clientAddress ?? "unknown", redirectTo);
  if (!result.ok) {
    const message =
      result.reason === "sso_required"
        ? "Your agency signs you in through its identity provider: use “Sign in with your agency” instead."
        : result.reason === "locked"
          ? `Sign-in for this email address is locked after too many failed attempts. Try again after ${timeOf(result.until)}, or ask an admin to reset your password.`
          : result.reason === "throttled"
            ? `Too many failed sign-ins from this network. Try again after ${timeOf(result.until)}.`
            : "That email and password do not match an account.";
    const status = result.reason === "invalid" ? 401 : result.reason === "sso_required" ? 403 : 429;
    return data({ ok: false as const, errors: { form: message } }, { status });
  }
  await destroySession(request);
  const next = result.next;
  if (next.kind === "pending") {
    const to = next.purpose === "verify" ? "/login/verify" : "/login/enrol";
    return redirect(to, { headers: { "Set-Cookie": await commitPendingCookie(next.pendingId) } });
  }
  return redirect(redirectTo, { headers: { "Set-Cookie": await commitSessionCookie(next.sessionId) } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { ssoAgencies } = useLoaderData<typeof loader>();
  const back = params.get("redirectTo");
  return (
    <div className="page narrow">
      <h1>Sign in</h1>
      <p className="lead">Circlekeeper trains officers to facilitate restorative-justice processes.</p>
      {errors.form || errors.redirectTo ? (
        <div className="alert alert--error" role="alert">
          <p>{errors.form ?? errors.redirectTo}</p>
        </div>
      ) : null}
      {ssoAgencies.length > 0 ? (
        <section aria-labelledby="sso-heading" className="stack">
          <h2 id="sso-heading">Sign in with your agency</h2>
          <ul>
            {ssoAgencies.map((agency) => (
              <li key={agency.id}>
                {/* A plain link: the provider is another site, so this leaves the app. */}
                <a
                  className="button"
                  href={`/auth/oidc/start?agency=${encodeURIComponent(agency.id)}${back ? `&redirectTo=${encodeURIComponent(back)}` : ""}`}
                >
                  Sign in with {agency.name}
                </a>
              </li>
            ))}
          </ul>
          <h2>Or with a Circlekeeper password</h2>
        </section>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="email" label="Email" type="email" autoComplete="username" required error={errors.email} />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Sign in
        </button>
      </Form>
    </div>
  );
}
