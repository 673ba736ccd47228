import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth/password.server";
import { requireUser } from "../auth/require-user.server";
import { commitSessionCookie } from "../auth/session.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { Field } from "../ui/field";
import { changeOwnPassword } from "../users/users.server";

export const meta: MetaFunction = () => [{ title: "Change your password · Circlekeeper" }];

/** Where a changed password lands: this page again, saying so. */
const CHANGED = "/account/password?changed";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    minLength: MIN_PASSWORD_LENGTH,
    changed: new URL(request.url).searchParams.has("changed"),
    mustChange: user.mustChangePassword === true,
  };
}

const ChangeForm = z
  .object({
    currentPassword: z
      .string({ required_error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(200),
    newPassword: z
      .string({ required_error: "Enter a new password." })
      .min(1, "Enter a new password.")
      .max(200, "Use at most 200 characters."),
    confirmPassword: z.string({ required_error: "Enter the new password again." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords are not the same.",
  });

// Every session of the user ends with the change, this one too: the redirect carries the new session's cookie,
// so the page that follows (loaded with or without JavaScript) is already on the new session.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = readForm(await request.formData(), ChangeForm);
  if (!form.ok) return invalid(form.errors);
  try {
    const { sessionId } = await changeOwnPassword(
      user,
      form.value.currentPassword,
      form.value.newPassword,
      context.clientAddress ?? "unknown",
    );
    return redirect(CHANGED, { headers: { "Set-Cookie": await commitSessionCookie(sessionId) } });
  } catch (error) {
    return respondToDomainError(error);
  }
}

export default function ChangePassword() {
  const { minLength, changed, mustChange } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const navigation = useNavigation();
  const location = useLocation();
  return (
    <div className="page narrow">
      <h1>Change your password</h1>
      {mustChange ? (
        <div className="alert alert--warn">
          <p>
            An admin set your password, so it is not yours alone. Choose a new one to continue: enter the password you
            were given as your current password.
          </p>
        </div>
      ) : null}
      <div aria-live="polite">
        {changed && !result ? (
          <div className="alert alert--ok">
            <p>Password changed. You have been signed out on every other device.</p>
            <p>
              <a href="/">Continue to your home page</a>
            </p>
          </div>
        ) : null}
        {result ? (
          <div className="alert alert--error" role="alert">
            <p>Your password was not changed. Check the fields marked below.</p>
          </div>
        ) : null}
      </div>
      {/* A new location (after a change) gives empty fields. */}
      <Form method="post" noValidate key={location.key}>
        <Field
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <Field
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          hint={`At least ${minLength} characters; not a common password.`}
          error={errors.newPassword}
        />
        <Field
          name="confirmPassword"
          label="New password again"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Change password
        </button>
      </Form>
    </div>
  );
}
